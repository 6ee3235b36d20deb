import { useRegions } from '../api/regions';
import { useI18n } from '../i18n/context';
import { regionLabel } from '../reference/names';

/** A region's name in the reader's language; the API names regions in Chinese. */
export function useRegionName(): (code: string, fallback: string) => string {
  const { language } = useI18n();
  const regions = useRegions();
  return (code, fallback) => {
    const region = regions.data?.find((r) => r.code === code);
    return region ? regionLabel(region, language) : fallback;
  };
}
