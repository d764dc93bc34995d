import { Typography } from 'antd';

/** To be built (issue 8). */
export default function RegisteredProjectsPage() {
  return <Typography.Title level={1}>RegisteredProjectsPage</Typography.Title>;
}
