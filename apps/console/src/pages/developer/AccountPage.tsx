import { Typography } from 'antd';

/** To be built (issue 8). */
export default function AccountPage() {
  return <Typography.Title level={1}>AccountPage</Typography.Title>;
}
