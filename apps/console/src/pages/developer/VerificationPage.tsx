import { Typography } from 'antd';

/** To be built (issue 8). */
export default function VerificationPage() {
  return <Typography.Title level={1}>VerificationPage</Typography.Title>;
}
