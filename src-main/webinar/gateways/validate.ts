import type { Bilingual, GatewayApi } from '../../../src-preload/contract';
import { bi } from '../../ground/errors';

export interface GatewayInput {
  name?: string | undefined;
  rtmpUrl: string;
  hlsUrl: string;
  sipmediagwUrl?: string | undefined;
  api?: GatewayApi | undefined;
}

const parse = (text: string): URL | null => {
  try {
    return new URL(text);
  } catch {
    return null;
  }
};

/** The stream name of `rtmp://live.univ.fr/live/name`: the gateway's default name. */
export const streamName = (rtmpUrl: string): string =>
  parse(rtmpUrl)?.pathname.split('/').filter(Boolean).at(-1) ?? '';

/**
 * A gateway's addresses, checked before anything is stored: the RTMP destination SIPMediaGW
 * pushes to (`rtmp://host/app/name`), the HLS playlist the audience plays, the SIPMediaGW API.
 */
export function checkGatewayFields(
  input: GatewayInput,
  options: {
    /** The other gateways: names are unique, and so are SIPMediaGW addresses. */
    others: readonly { name: string; sipmediagwUrl: string }[];
    needsSipmediagw: boolean;
  },
): { name: string; sipmediagwUrl: string; errors: Record<string, Bilingual> } {
  const errors: Record<string, Bilingual> = {};
  const rtmp = parse(input.rtmpUrl.trim());
  if (
    !rtmp ||
    !/^rtmps?:$/.test(rtmp.protocol) ||
    rtmp.hostname === '' ||
    rtmp.pathname.split('/').filter(Boolean).length < 2
  )
    errors.rtmpUrl = bi(
      'an RTMP address with an application and a stream name, like rtmp://live.univ.fr/live/name',
      'une adresse RTMP avec une application et un nom de flux, comme rtmp://live.univ.fr/live/nom',
    );
  const hls = parse(input.hlsUrl.trim());
  if (!hls || !/^https?:$/.test(hls.protocol) || hls.hostname === '')
    errors.hlsUrl = bi(
      'the HLS playlist address, like https://live.univ.fr/hls/name.m3u8',
      "l'adresse de la playlist HLS, comme https://live.univ.fr/hls/nom.m3u8",
    );
  const sipmediagwUrl = (input.sipmediagwUrl ?? '').trim().replace(/\/+$/, '');
  if (sipmediagwUrl !== '' || options.needsSipmediagw) {
    const sip = parse(sipmediagwUrl);
    if (!sip || !/^https?:$/.test(sip.protocol) || sip.hostname === '' || sip.search !== '')
      errors.sipmediagwUrl = bi(
        'the SIPMediaGW API address, like https://sipmediagw.univ.fr',
        "l'adresse de l'API SIPMediaGW, comme https://sipmediagw.univ.fr",
      );
  }
  if (
    errors.sipmediagwUrl === undefined &&
    sipmediagwUrl !== '' &&
    options.others.some((g) => g.sipmediagwUrl === sipmediagwUrl)
  )
    errors.sipmediagwUrl = bi(
      'another gateway uses this SIPMediaGW: one SIPMediaGW streams one webinar at a time',
      'une autre passerelle utilise ce SIPMediaGW : un SIPMediaGW diffuse un webinaire à la fois',
    );
  const name = (input.name ?? '').trim() || streamName(input.rtmpUrl.trim());
  if (name === '' || name.length > 100)
    errors.name = bi('a name of 1 to 100 characters', 'un nom de 1 à 100 caractères');
  else if (options.others.some((g) => g.name === name))
    errors.name = bi(
      `another gateway is already named "${name}"`,
      `une autre passerelle s'appelle déjà « ${name} »`,
    );
  return { name, sipmediagwUrl, errors };
}
