import { and, eq, inArray } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { hazards } from '../../db/schema'
import { sameAddress } from '../../domain/address-key'
import type { Category } from '../../domain/categories'
import { mayBeSameThing } from '../extract/watched-things'

/** Distance in metres between two points (haversine). */
export function metresBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h))
}

export const NEARBY_METRES = 200

/**
 * An open hazard of the same category close by (within 200 m) or at the same address: before saving a
 * new one, the reporter is asked whether it is the same problem.
 */
export async function findNearbyOpenHazard(
  db: Database,
  candidate: { category: Category; description?: string; locationText?: string; latitude?: number; longitude?: number },
): Promise<{ id: number; code: string; locationText: string | null } | undefined> {
  const open = await db
    .select({
      id: hazards.id,
      code: hazards.code,
      locationText: hazards.locationText,
      description: hazards.description,
      latitude: hazards.latitude,
      longitude: hazards.longitude,
    })
    .from(hazards)
    .where(
      and(
        eq(hazards.category, candidate.category),
        inArray(hazards.status, ['reported', 'assigned', 'rectifying', 'awaiting_verification']),
      ),
    )
  return open.find((h) => {
    // A manhole cover and a street lamp at one corner are two hazards.
    if (!mayBeSameThing(candidate.description, h.description)) return false
    // The same spot however it was written (with the city in front, 「附近」 after).
    if (sameAddress(candidate.locationText, h.locationText)) return true
    if (
      candidate.latitude === undefined ||
      candidate.longitude === undefined ||
      h.latitude === null ||
      h.longitude === null
    )
      return false
    return (
      metresBetween({ lat: candidate.latitude, lng: candidate.longitude }, { lat: h.latitude, lng: h.longitude }) <=
      NEARBY_METRES
    )
  })
}
