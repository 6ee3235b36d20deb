import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import 'antd/dist/reset.css';
import './accessibility.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { queryClient } from './api/queryClient';
import { I18nProvider } from './i18n/I18nProvider';
import { ScrollOnNavigate } from './layout/ScrollOnNavigate';
import { keepScrollRegionsFocusable } from './layout/scrollRegions';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
keepScrollRegionsFocusable(root);

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AntApp>
          <BrowserRouter>
            <ScrollOnNavigate />
            <App />
          </BrowserRouter>
        </AntApp>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
