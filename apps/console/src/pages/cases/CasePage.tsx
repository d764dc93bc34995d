import { Typography } from 'antd';

/** To be built (issue 8). */
export default function CasePage() {
  return <Typography.Title level={1}>CasePage</Typography.Title>;
}
