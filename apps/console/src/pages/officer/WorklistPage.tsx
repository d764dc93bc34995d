import { Typography } from 'antd';

/** To be built (issue 8). */
export default function WorklistPage() {
  return <Typography.Title level={1}>WorklistPage</Typography.Title>;
}
