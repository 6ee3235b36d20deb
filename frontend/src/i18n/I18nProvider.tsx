import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { appTheme } from '../theme';
import { I18nContext, type I18n } from './context';
import { storeLanguage, storedLanguage, type Language } from './language';
import { translator } from './translate';

const antdLocales = { 'zh-CN': zhCN, en: enUS } as const;

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);

  const setLanguage = useCallback((next: Language) => {
    storeLanguage(next);
    setLanguageState(next);
  }, []);

  const i18n = useMemo<I18n>(() => ({ language, setLanguage, t: translator(language) }), [language, setLanguage]);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = i18n.t('platform.name');
  }, [i18n]);

  return (
    <I18nContext value={i18n}>
      {/* No space inserted between two Chinese characters: buttons read 联系, not 联 系. */}
      <ConfigProvider locale={antdLocales[language]} theme={appTheme} button={{ autoInsertSpace: false }}>
        {children}
      </ConfigProvider>
    </I18nContext>
  );
}
