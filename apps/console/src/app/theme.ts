import type { ThemeConfig } from 'antd';

/**
 * WCAG 2.1 AA: Ant Design's default blue fails contrast on white and on its light tags; these pass
 * (console-notes.md). Motion off in tests so screenshots are not taken mid-animation.
 */
export const theme = (motion: boolean): ThemeConfig => ({
  token: {
    colorPrimary: '#0958d9',
    colorInfo: '#0958d9',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    // Hover and pressed states are darker, not lighter: white text on antd's derived hover blue (and red) falls
    // below 4.5:1 while the pointer rests on a button it just pressed (axe caught it after a refused submit).
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorErrorHover: '#a8071a',
    colorErrorActive: '#820014',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    // The light backgrounds antd derives from the darker success/warning seeds are dark themselves (#adb8a5 under
    // #237804 fails AA on tags and alerts); antd's own light ones pass with the darker text colours.
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarningBg: '#fff7e6',
    colorWarningBorder: '#ffd591',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    // Placeholders are text a person must read (axe: color-contrast); antd's 0.25 alpha is 1.9:1, this is 4.9:1 on white.
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    motion,
  },
});
