import { Alert, PasswordInput, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { gatewayApis, type GatewayApi, type LiveGatewayView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { FormActions } from '../../components/FormActions';
import { useBilingual, useT } from '../../i18n/i18n';
import { useFormCall } from './useFormCall';

interface Values {
  name: string;
  rtmpUrl: string;
  hlsUrl: string;
  sipmediagwUrl: string;
  token: string;
  api: GatewayApi;
  tlsVerify: boolean;
  isEnabled: boolean;
}

/**
 * Adds or edits a gateway. The token is write-only: it never comes back to the console, so an
 * empty field keeps the stored one. A gateway mirrored from Pod keeps Pod's name and addresses
 * (Pod is their source); Régie adds what Pod lacks, the SIPMediaGW and its token. A complete
 * gateway is tested once saved, so a wrong token shows at once.
 */
export function GatewayForm({
  gateway,
  onDone,
}: {
  gateway?: LiveGatewayView;
  onDone: () => void;
}) {
  const t = useT();
  const pick = useBilingual();
  const isFromPod = gateway?.origin === 'pod';
  const form = useForm<Values>({
    initialValues: {
      name: gateway?.name ?? '',
      rtmpUrl: gateway?.rtmpUrl ?? '',
      hlsUrl: gateway?.hlsUrl ?? '',
      sipmediagwUrl: gateway?.sipmediagwUrl ?? '',
      token: '',
      api: gateway?.api ?? 'auto',
      tlsVerify: gateway?.tlsVerify ?? true,
      isEnabled: gateway?.isEnabled ?? true,
    },
  });
  const { run, isBusy, refusal } = useFormCall(form.setErrors, Object.keys(form.values));
  const save = (v: Values) => {
    const { token, name, rtmpUrl, hlsUrl, ...rest } = v;
    const withToken = token.trim() === '' ? rest : { ...rest, token };
    if (!gateway) return call('gateways.add', { name, rtmpUrl, hlsUrl, ...withToken });
    return call('gateways.update', {
      id: gateway.id,
      patch: isFromPod ? withToken : { name, rtmpUrl, hlsUrl, ...withToken },
    });
  };
  const submit = (v: Values) =>
    void run(
      async () => {
        const saved = await save(v);
        return saved.isComplete ? call('gateways.test', { id: saved.id }) : saved;
      },
      (saved) => {
        const test = saved.lastTest;
        notifications.show({
          color: !saved.isComplete || test?.ok === false ? 'orange' : 'green',
          message: [t('gateways.saved', { name: saved.name }), test && pick(test.text)]
            .filter(Boolean)
            .join(' — '),
        });
        onDone();
      },
    );
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        {isFromPod && <Alert color="grape">{t('gateways.fromPodHelp')}</Alert>}
        <TextInput
          label={t('gateways.field.name')}
          withAsterisk
          disabled={isFromPod}
          {...form.getInputProps('name')}
        />
        <TextInput
          label={t('gateways.field.rtmp')}
          placeholder="rtmp://live.univ.fr/live/amphi-a"
          withAsterisk
          disabled={isFromPod}
          {...form.getInputProps('rtmpUrl')}
        />
        <TextInput
          label={t('gateways.field.hls')}
          description={t('gateways.field.hlsHelp')}
          placeholder="https://live.univ.fr/hls/amphi-a.m3u8"
          withAsterisk
          disabled={isFromPod}
          {...form.getInputProps('hlsUrl')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('gateways.field.sipmediagw')}
            placeholder="https://sipmediagw.univ.fr"
            {...form.getInputProps('sipmediagwUrl')}
          />
          <PasswordInput
            label={t('gateways.field.token')}
            description={
              gateway?.hasToken ? t('gateways.field.tokenKeep') : t('gateways.field.tokenHelp')
            }
            {...form.getInputProps('token')}
          />
          <Select
            label={t('gateways.field.api')}
            description={t('gateways.field.apiHelp')}
            data={gatewayApis.map((api) => ({ value: api, label: t(`gateways.api.${api}`) }))}
            allowDeselect={false}
            {...form.getInputProps('api')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Switch
            label={t('gateways.field.tlsVerify')}
            description={t('gateways.field.tlsVerifyHelp')}
            {...form.getInputProps('tlsVerify', { type: 'checkbox' })}
          />
          <Switch
            label={t('gateways.field.enabled')}
            description={t('gateways.field.enabledHelp')}
            {...form.getInputProps('isEnabled', { type: 'checkbox' })}
          />
        </SimpleGrid>
        {!form.values.tlsVerify && (
          <Alert color="orange" data-testid="gateway-form-tls-off">
            {t('gateways.field.tlsOffWarning')}
          </Alert>
        )}
        {refusal && <Alert color="red">{pick(refusal)}</Alert>}
        <FormActions isBusy={isBusy} onCancel={onDone} />
      </Stack>
    </form>
  );
}
