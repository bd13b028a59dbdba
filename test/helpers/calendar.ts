import { WorkingCalendar } from '../../src/domain/calendar'
import { officialCalendarRows } from '../../src/services/calendar'

/** The official calendar straight from the chinese-days data, without a database. */
export function officialCalendar(): WorkingCalendar {
  const { rows, years } = officialCalendarRows()
  return new WorkingCalendar(rows, years)
}
