import { Typography } from 'antd';

/** To be built (issue 8). */
export default function PublicityNoticePage() {
  return <Typography.Title level={1}>PublicityNoticePage</Typography.Title>;
}
