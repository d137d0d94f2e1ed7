import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import zhTW from 'antd/es/locale/zh_TW';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AppLayout } from './components/AppLayout.tsx';
import { useI18n, type Language } from './i18n/index.tsx';
import { Home } from './scenes/Home.tsx';
import { Login } from './scenes/Login.tsx';
import { NotFound } from './scenes/NotFound.tsx';
import { SessionProvider, useSession } from './session.tsx';

const CaseList = lazy(() => import('./scenes/CaseList.tsx'));
const CasePage = lazy(() => import('./scenes/CasePage.tsx'));
const HotlineDesk = lazy(() => import('./scenes/HotlineDesk.tsx'));
const Dashboard = lazy(() => import('./scenes/Dashboard.tsx'));
const DrillPage = lazy(() => import('./scenes/dashboard/DrillPage.tsx'));
const AdminArea = lazy(() => import('./scenes/admin/AdminArea.tsx'));
const Assessment = lazy(() => import('./scenes/Assessment.tsx'));
const Bulletins = lazy(() => import('./scenes/Bulletins.tsx'));
const HotTopics = lazy(() => import('./scenes/HotTopics.tsx'));

const antLocales: Record<Language, typeof zhCN> = { 'zh-Hans': zhCN, 'zh-Hant': zhTW, en: enUS };

/** Colours chosen for contrast (WCAG AA on white) rather than Ant Design's lighter defaults. */
const theme = { token: { colorPrimary: '#b71c1c', colorLink: '#0b4f9c', colorTextSecondary: 'rgba(0,0,0,0.65)', borderRadius: 4 } };

function Loading() {
  const { t } = useI18n();
  return <div style={{ padding: 48, textAlign: 'center' }}><Spin tip={t('common.loading')}><div style={{ height: 48 }} /></Spin></div>;
}

function RequireLogin({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <AppLayout><Suspense fallback={<Loading />}>{children}</Suspense></AppLayout>;
}

export function App() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={antLocales[lang]} theme={theme}>
      <AntApp>
        <SessionProvider>
          <Routes>
            <Route path="/login" element={<Login />} />
            <Route path="/" element={<RequireLogin><Home /></RequireLogin>} />
            <Route path="/cases" element={<RequireLogin><CaseList /></RequireLogin>} />
            <Route path="/cases/:id" element={<RequireLogin><CasePage /></RequireLogin>} />
            <Route path="/hotline" element={<RequireLogin><HotlineDesk /></RequireLogin>} />
            <Route path="/dashboard" element={<RequireLogin><Dashboard /></RequireLogin>} />
            <Route path="/stats/drill" element={<RequireLogin><DrillPage /></RequireLogin>} />
            <Route path="/admin/*" element={<RequireLogin><AdminArea /></RequireLogin>} />
            <Route path="/assessment" element={<RequireLogin><Assessment /></RequireLogin>} />
            <Route path="/bulletins" element={<RequireLogin><Bulletins /></RequireLogin>} />
            <Route path="/hot-topics" element={<RequireLogin><HotTopics /></RequireLogin>} />
            <Route path="*" element={<RequireLogin><NotFound /></RequireLogin>} />
          </Routes>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
