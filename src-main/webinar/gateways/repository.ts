import type { GatewayApi, GatewayTestReport } from '../../../src-preload/contract';
import type { Db } from '../../db/open';

export interface StoredGateway {
  id: number;
  name: string;
  rtmpUrl: string;
  hlsUrl: string;
  sipmediagwUrl: string;
  tokenSealed: string | null;
  api: GatewayApi;
  detectedApi: 'legacy' | 'current' | null;
  tlsVerify: boolean;
  isEnabled: boolean;
  podGatewayId: number | null;
  lastTest: GatewayTestReport | null;
  createdAt: string;
  updatedAt: string;
}

export type GatewayFields = Omit<
  StoredGateway,
  'id' | 'detectedApi' | 'lastTest' | 'createdAt' | 'updatedAt'
>;

interface Row {
  id: number;
  name: string;
  rtmp_url: string;
  hls_url: string;
  sipmediagw_url: string;
  token_sealed: string | null;
  api: GatewayApi;
  detected_api: 'legacy' | 'current' | null;
  tls_verify: number;
  is_enabled: number;
  pod_gateway_id: number | null;
  last_test_json: string | null;
  created_at: string;
  updated_at: string;
}

const fromRow = (r: Row): StoredGateway => ({
  id: r.id,
  name: r.name,
  rtmpUrl: r.rtmp_url,
  hlsUrl: r.hls_url,
  sipmediagwUrl: r.sipmediagw_url,
  tokenSealed: r.token_sealed,
  api: r.api,
  detectedApi: r.detected_api,
  tlsVerify: r.tls_verify === 1,
  isEnabled: r.is_enabled === 1,
  podGatewayId: r.pod_gateway_id,
  lastTest: r.last_test_json === null ? null : (JSON.parse(r.last_test_json) as GatewayTestReport),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const params = (f: GatewayFields) => ({
  name: f.name,
  rtmp_url: f.rtmpUrl,
  hls_url: f.hlsUrl,
  sipmediagw_url: f.sipmediagwUrl,
  token_sealed: f.tokenSealed,
  api: f.api,
  tls_verify: f.tlsVerify ? 1 : 0,
  is_enabled: f.isEnabled ? 1 : 0,
  pod_gateway_id: f.podGatewayId,
});

/** The live gateways table (migration 009), in creation order: Pod's allocation order. */
export function createGatewaysRepository(db: Db) {
  const all = db.prepare<[], Row>('SELECT * FROM live_gateways ORDER BY id');
  const one = db.prepare<[number], Row>('SELECT * FROM live_gateways WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO live_gateways (name, rtmp_url, hls_url, sipmediagw_url, token_sealed, api,
       tls_verify, is_enabled, pod_gateway_id, created_at, updated_at)
     VALUES (@name, @rtmp_url, @hls_url, @sipmediagw_url, @token_sealed, @api, @tls_verify,
       @is_enabled, @pod_gateway_id, @at, @at)`,
  );
  const update = db.prepare(
    `UPDATE live_gateways SET name = @name, rtmp_url = @rtmp_url, hls_url = @hls_url,
       sipmediagw_url = @sipmediagw_url, token_sealed = @token_sealed, api = @api,
       detected_api = CASE WHEN api = @api AND sipmediagw_url = @sipmediagw_url
                      THEN detected_api ELSE NULL END,
       tls_verify = @tls_verify, is_enabled = @is_enabled, pod_gateway_id = @pod_gateway_id,
       updated_at = @at
     WHERE id = @id`,
  );
  return {
    list: (): StoredGateway[] => all.all().map(fromRow),
    byId: (id: number): StoredGateway | undefined => {
      const row = one.get(id);
      return row && fromRow(row);
    },
    insert(fields: GatewayFields, at: string): StoredGateway {
      const id = Number(insert.run({ ...params(fields), at }).lastInsertRowid);
      const stored = this.byId(id);
      if (!stored) throw new Error(`live gateway ${String(id)} vanished after insert`);
      return stored;
    },
    update(id: number, fields: GatewayFields, at: string): void {
      update.run({ ...params(fields), id, at });
    },
    remove: (id: number) => db.prepare('DELETE FROM live_gateways WHERE id = ?').run(id),
    setDetected(id: number, api: 'legacy' | 'current'): void {
      db.prepare('UPDATE live_gateways SET detected_api = ? WHERE id = ?').run(api, id);
    },
    setTest(id: number, report: GatewayTestReport): void {
      db.prepare('UPDATE live_gateways SET last_test_json = ? WHERE id = ?').run(
        JSON.stringify(report),
        id,
      );
    },
    /** Pod's gateways as the last mirror read them, with their broadcaster's HLS URL. */
    podRows(): { podId: number; rtmpUrl: string; hlsUrl: string }[] {
      return db
        .prepare<[], { podId: number; rtmpUrl: string; hlsUrl: string | null }>(
          `SELECT g.id AS podId, g.rtmp_stream_url AS rtmpUrl, b.url AS hlsUrl
           FROM pod_live_gateways g LEFT JOIN pod_broadcasters b ON b.id = g.broadcaster_id
           ORDER BY g.id`,
        )
        .all()
        .map((r) => ({ ...r, hlsUrl: r.hlsUrl ?? '' }));
    },
  };
}

export type GatewaysRepository = ReturnType<typeof createGatewaysRepository>;
