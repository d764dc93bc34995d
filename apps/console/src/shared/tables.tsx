import { Typography } from 'antd';

/** Shared look of the console's tables. */

/**
 * A table's or list's "nothing here" text in a colour that meets WCAG AA: antd draws its empty text in the disabled
 * grey (#bfbfbf, contrast 1.8 on white), which axe reports as serious.
 */
export const emptyText = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;

/**
 * A column whose cells stay on one line (registration numbers, serials, date ranges): wrapped mid-code they are hard
 * to read. The table itself does not scroll sideways — a scrolling region would need its own keyboard focus (axe).
 */
export const noWrap = { onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) };
