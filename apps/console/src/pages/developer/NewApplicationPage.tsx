import { Typography } from 'antd';

/** To be built (issue 8). */
export default function NewApplicationPage() {
  return <Typography.Title level={1}>NewApplicationPage</Typography.Title>;
}
