import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import 'dayjs/locale/zh-cn';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { router } from './app/router';
import { theme } from './app/theme';
import './i18n';
import './styles.css';

const queries = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 10_000 } } });
// Browser tests set ?motion=off once (remembered for the tab) so screenshots are not taken mid-animation.
if (new URLSearchParams(location.search).get('motion') === 'off') sessionStorage.setItem('console.motion', 'off');
const motion = sessionStorage.getItem('console.motion') !== 'off';

function Root() {
  const { i18n } = useTranslation();
  const [lang, setLang] = useState(i18n.language);
  useEffect(() => {
    const on = (l: string) => {
      setLang(l);
      document.documentElement.lang = l;
    };
    on(i18n.language);
    i18n.on('languageChanged', on);
    return () => i18n.off('languageChanged', on);
  }, [i18n]);
  return (
    // antd inserts a space between two Chinese characters on buttons unless told not to (console-notes.md).
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} theme={theme(motion)} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queries}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
