/*
 * ical_lib.h: libical, opened the first time kith reads an iCalendar file
 * or expands a recurring event (src/io/ics.c only; nothing else uses it).
 *
 * Linked, libical brings ICU and libstdc++ with it, and every kith process
 * paid for loading and relocating them: 4.5 ms of the 7.3 ms CPU a
 * `kith --version` took (perf stat -r 200 of a program linked with and
 * without -lical). Most commands never touch iCalendar; those that do open
 * it once (dlopen) and call it through this table.
 */
#ifndef KITH_ICAL_LIB_H
#define KITH_ICAL_LIB_H

#include <libical/ical.h>

#include "kith/dl.h"

/* Every libical function kith calls. */
#define ICAL_LIB_FUNCS(X) \
	X(icalcomponent_add_component) \
	X(icalcomponent_as_ical_string_r) \
	X(icalcomponent_free) \
	X(icalcomponent_get_first_component) \
	X(icalcomponent_get_first_property) \
	X(icalcomponent_get_next_component) \
	X(icalcomponent_get_next_property) \
	X(icalcomponent_get_status) \
	X(icalcomponent_get_uid) \
	X(icalcomponent_isa) \
	X(icalcomponent_remove_component) \
	X(icaldurationtype_from_string) \
	X(icaldurationtype_is_bad_duration) \
	X(icalerror_set_errors_are_fatal) \
	X(icalparameter_get_cn) \
	X(icalparameter_get_partstat) \
	X(icalparameter_get_role) \
	X(icalparser_free) \
	X(icalparser_new) \
	X(icalparser_parse) \
	X(icalparser_set_gen_data) \
	X(icalproperty_get_attendee) \
	X(icalproperty_get_datetime_with_component) \
	X(icalproperty_get_duration) \
	X(icalproperty_get_first_parameter) \
	X(icalproperty_get_parameter_as_string_r) \
	X(icalproperty_get_priority) \
	X(icalproperty_get_property_name) \
	X(icalproperty_get_rrule) \
	X(icalproperty_get_value_as_string) \
	X(icalproperty_get_value_as_string_r) \
	X(icalproperty_get_xlicerror) \
	X(icalproperty_isa) \
	X(icalrecur_iterator_free) \
	X(icalrecur_iterator_new) \
	X(icalrecur_iterator_next) \
	X(icalrecur_iterator_set_start) \
	X(icalrecurrencetype_from_string) \
	X(icaltime_add) \
	X(icaltime_adjust) \
	X(icaltime_as_timet_with_zone) \
	X(icaltime_compare) \
	X(icaltime_compare_date_only) \
	X(icaltime_convert_to_zone) \
	X(icaltime_from_timet_with_zone) \
	X(icaltime_is_null_time) \
	X(icaltime_is_valid_time) \
	X(icaltime_null_time) \
	X(icaltimezone_free_builtin_timezones) \
	X(icaltimezone_get_builtin_timezone) \
	X(icaltimezone_get_builtin_timezone_from_tzid) \
	X(icaltimezone_get_component) \
	X(icaltimezone_get_location) \
	X(icaltimezone_get_tzid) \
	X(icaltimezone_get_utc_timezone)

struct ical_lib {
	DL_LIB_MEMBERS(ICAL_LIB_FUNCS)
};

/*
** The library, opened and its functions found on the first call; NULL if
** it cannot be, and then *why (if why is not NULL) says why, naming the
** file, in a static buffer.
*/
const struct ical_lib *ical_lib(const char **why);

#endif
