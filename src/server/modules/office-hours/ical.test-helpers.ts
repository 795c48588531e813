import ICAL from 'ical.js';

/** Occurrences as an independent parser (ical.js) reads them: start instant, status, summary. */
export function readFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
  const masters = events.filter((event) => !event.isRecurrenceException());
  for (const exception of events.filter((event) => event.isRecurrenceException()))
    masters.find((m) => m.uid === exception.uid)!.relateException(exception);
  const occurrences: Array<{
    uid: string;
    start: string;
    end: string;
    status: string;
    summary: string;
    description: string | null;
  }> = [];
  for (const master of masters) {
    const iterator = master.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      const details = master.getOccurrenceDetails(next);
      occurrences.push({
        uid: master.uid,
        start: details.startDate.toJSDate().toISOString(),
        end: details.endDate.toJSDate().toISOString(),
        status: String(details.item.component.getFirstPropertyValue('status')),
        summary: details.item.summary,
        description: details.item.description ?? null,
      });
    }
  }
  return occurrences.sort((a, b) => a.start.localeCompare(b.start));
}
