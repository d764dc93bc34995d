import { Typography } from 'antd';

/** To be built (issue 8). */
export default function PublicityListPage() {
  return <Typography.Title level={1}>PublicityListPage</Typography.Title>;
}
