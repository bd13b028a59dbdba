import gcoord from 'gcoord'

/**
 * Where a point is depends on the datum. WeChat, WeCom and DingTalk send locations in GCJ-02 (the offset datum
 * Chinese maps are required to use), and that is how locations are stored. Tiles from 天地图 or a city's own
 * server are drawn in WGS-84 / CGCS2000 (the same to within centimetres), so a stored point is converted before it
 * is placed on them — otherwise every marker sits a few hundred metres off. 高德 or 腾讯 tiles are GCJ-02 already.
 * The conversion is gcoord's (a maintained library); outside China GCJ-02 equals WGS-84 and nothing moves.
 */
export type Datum = 'gcj02' | 'wgs84'

export interface LatLng {
  latitude: number
  longitude: number
}

export function convertDatum(point: LatLng, from: Datum, to: Datum): LatLng {
  if (from === to) return point
  const [longitude, latitude] = gcoord.transform(
    [point.longitude, point.latitude],
    from === 'gcj02' ? gcoord.GCJ02 : gcoord.WGS84,
    to === 'gcj02' ? gcoord.GCJ02 : gcoord.WGS84,
  ) as [number, number]
  return { latitude, longitude }
}
