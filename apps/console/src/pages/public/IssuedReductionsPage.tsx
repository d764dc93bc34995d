import { Typography } from 'antd';

/** To be built (issue 8). */
export default function IssuedReductionsPage() {
  return <Typography.Title level={1}>IssuedReductionsPage</Typography.Title>;
}
