/*
 * status.c: status codes and error detail (see kith/status.h).
 */
#include "kith/status.h"

#include <stdarg.h>
#include <string.h>
#include <stdio.h>

/* Cut a UTF-8 sequence left incomplete at the end of s by truncation. */
static void
utf8_trim_partial(char *s)
{
	size_t n = strlen(s), i = n;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0 && (unsigned char)s[i - 1] >= 0xC0) {
		unsigned char lead = (unsigned char)s[i - 1];
		size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
		if (n - (i - 1) < want)
			s[i - 1] = '\0';
	}
}

static const char *const status_msgs[] = {
#define STATUS_MSG(name, msg) msg,
	KITH_STATUS_INFO(STATUS_MSG)
#undef STATUS_MSG
};

const char *
kith_status_str(enum kith_status code)
{
	if ((unsigned)code >= sizeof status_msgs / sizeof status_msgs[0])
		return "unknown error";
	return status_msgs[code];
}

enum kith_status
kith_err_set(struct kith_err *err, enum kith_status code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	if (!fmt) {
		snprintf(err->msg, sizeof err->msg, "%s", kith_status_str(code));
		return code;
	}
	va_start(ap, fmt);
	if (vsnprintf(err->msg, sizeof err->msg, fmt, ap) >= (int)sizeof err->msg)
		utf8_trim_partial(err->msg);
	va_end(ap);
	return code;
}

void
kith_err_clear(struct kith_err *err)
{
	if (!err)
		return;
	err->code = KITH_OK;
	err->msg[0] = '\0';
}
