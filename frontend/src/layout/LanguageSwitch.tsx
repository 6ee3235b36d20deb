import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../i18n/context';

/** Toggles between Chinese and English; shows the language it switches to. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { language, setLanguage, t } = useI18n();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      aria-label={t('language.switchLabel')}
      title={t('language.switchLabel')}
      data-testid="language-switch"
      onClick={() => setLanguage(language === 'zh-CN' ? 'en' : 'zh-CN')}
    >
      {compact ? null : t('language.switchTo')}
    </Button>
  );
}
