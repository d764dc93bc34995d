import { Typography } from 'antd';

/** To be built (issue 8). */
export default function AccountsPage() {
  return <Typography.Title level={1}>AccountsPage</Typography.Title>;
}
