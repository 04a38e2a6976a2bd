import { Alert, Anchor, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useArea } from '../../app/useArea';
import { useT } from '../../i18n/i18n';

/**
 * WEBINAR_PUBLIC_URL is empty: the gateway opens the join relay at that address (issue #13 §4),
 * so no live can start until it is set.
 */
export function PublicUrlWarning() {
  const t = useT();
  const go = useArea((s) => s.go);
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle size={20} />}
      title={t('webinars.publicUrl.title')}
      data-testid="webinars-public-url"
    >
      <Text size="sm">
        {t('webinars.publicUrl.body')}{' '}
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => go('settings', 'webinar')}
        >
          {t('webinars.publicUrl.link')}
        </Anchor>
      </Text>
    </Alert>
  );
}
