# roundtrip.jq: the parts of `kith export --format json` a format carries,
# without ids and timestamps, in a stable order (see roundtrip.sh).
# $part: "vcf" (contacts as vCard carries them), "csv" (as CSV does), or
# "ics" (events and open follow-ups as iCalendar does).
def chans: [.[] | {"label": .label, value}];
def contact($seats):
  {uid, name, given_name, family_name, pronouns,
   emails: (.emails | chans), phones: (.phones | chans), handles: (.handles | chans),
   nicknames: (.nicknames | sort), tags: (.tags | sort),
   # the current role: an organisation, or a seat without one (X-KITH-SEAT)
   organisation, title,
   seat: (if .organisation then null else $seats[.id | tostring] end), address, district, birthday, how_met,
   influence, alignment, tier, cadence_days, notes, archived,
   extra: [.extra[] | {name, value}]};
# CSV carries the channels' labels and the kept-aside fields in columns of kith's
# own ("email labels", "kept aside"), as a list in one cell: a value holding
# " ::: " would not come back whole
def csv_contact($seats): contact($seats);
(.contacts | map({key: (.id | tostring), value: .}) | from_entries) as $by_id
# the seat of each contact's newest current role, when it has no organisation
| (.roles | map(select(.end_date == null)) | group_by(.contact_id)
   | map(max_by([.start_date // "", .id]) | select(.org_id == null)
         | {key: (.contact_id | tostring), value: .seat}) | from_entries) as $seats
| if $part == "vcf" then [.contacts[] | contact($seats)] | sort_by(.uid)
  elif $part == "csv" then [.contacts[] | csv_contact($seats)] | sort_by(.uid)
  else
    # the event's kind (X-KITH-KIND) is written but not read back by the
    # iCalendar reader (which guesses it from the title): not compared
    {events: [.events[] | {uid, title, start, "end": .end, all_day, location, notes, rrule,
       # attendees are written with their first email, so only those with one come
       # back; a no-show is written DECLINED, which the reader skips; the status is
       # approximated by PARTSTAT (compared: who, not how)
       attendees: [.attendance[] | select(.status != "no-show") | $by_id[.contact_id | tostring]
                   | select(.emails | length > 0) | .uid] | sort}]
       | sort_by(.uid),
     followups: [.followups[] | select(.status == "open")
       | {title, due, priority, status, notes}] | sort_by(.title, .due)}
  end
