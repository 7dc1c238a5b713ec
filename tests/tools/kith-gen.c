/*
 * kith-gen: a deterministic generator of kith databases of any size.
 *
 *   kith-gen OUT.db [--contacts N] [--orgs N] [--roles N] [--interactions N]
 *            [--followups N] [--events N] [--attendance N] [--relationships N]
 *            [--maps N] [--placements N] [--office-phones PCT] [--seed N]
 *            [--today YYYY-MM-DD] [--check] [--verbose]
 *   kith-gen --check DB
 *
 * The schema comes from the real data layer (kdb_open with KDB_CREATE); the
 * rows are then bulk-inserted through SQLite directly, in one transaction,
 * with triggers and secondary indexes set aside (and CHECKs deferred to
 * --check's integrity_check); the indexes are then rebuilt, the derived
 * tables (contact_stat, the FTS indexes) filled from the same views the
 * triggers use, and the triggers restored verbatim. Same seed and today,
 * same data.
 *
 * Every contact gets a UID (UUID-shaped, from the seed and its id). With
 * --office-phones PCT, that percentage of contacts also have a "work" phone
 * from a pool of a few office lines, shared by many people (the default, 0,
 * leaves the rest of the data as it was for a seed).
 *
 * --check verifies a database (a generated one, or the demo): integrity,
 * foreign keys, contact_stat and contact_fts equal to what the triggers
 * compute, FTS indexes consistent, and every *_key equal to fold_text() (a contact's without its honorific).
 */
#include <errno.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "kith/db.h"
#include "kith/fold.h"
#include "kith/utf8.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define HISTORY_DAYS 1095               /* three years of history */
#define TBUF 64                         /* a date or time text buffer */


/* ---- name and text tables ------------------------------------------------ */

#define ARR(a) a, (long long)(sizeof(a) / sizeof((a)[0]))

static const char *const en_given[] = {"James", "Mary", "Robert", "Patricia", "John",
	"Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard",
	"Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Daniel", "Nancy",
	"Matthew", "Lisa", "Anthony", "Margaret", "Mark", "Sandra", "Paul", "Ashley", "Steven",
	"Emily", "Andrew", "Donna", "Kevin", "Michelle", "Brian", "Carol", "George", "Amanda",
	"Keisha", "Darnell", "Tyrone", "Imani", "Jamal", "Aaliyah", "Grace", "Owen", "Chloe",
	"Hannah", "Ethan", "Noah", "Olivia", "Liam", "Ava", "Mason", "Harper", "Logan"};
static const char *const en_family[] = {"Smith", "Johnson", "Williams", "Brown", "Jones",
	"Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin",
	"Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young",
	"Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter",
	"Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards",
	"Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "O'Brien", "O'Connor",
	"Halloran", "Whitfield", "Abernathy", "Fairbanks", "Kessler", "Monroe", "Price"};
static const char *const en_nick[] = {"Jim", "Bob", "Bill", "Liz", "Kate", "Mike", "Dave",
	"Tom", "Dan", "Matt", "Tony", "Peggy", "Steve", "Andy", "Sue", "Jen", "Chuck", "Rick"};
static const char *const es_given[] = {"José", "María", "Juan", "Lucía", "Carlos", "Sofía",
	"Luis", "Ana", "Jorge", "Valentina", "Andrés", "Camila", "Tomás", "Inés", "Ramón",
	"Begoña", "Álvaro", "Mónica", "Raúl", "Beatriz", "Joaquín", "Luz", "Rocío", "Sebastián"};
static const char *const es_family[] = {"García", "Rodríguez", "Martínez", "Hernández",
	"López", "González", "Pérez", "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez",
	"Díaz", "Álvarez", "Jiménez", "Muñoz", "Ruiz", "Domínguez", "Núñez", "Peña", "Ibáñez",
	"Herrera", "Mendoza", "Silva", "Santos", "Delgado"};
static const char *const es_nick[] = {"Pepe", "Paco", "Lupe", "Nacho", "Chema", "Maite"};
static const char *const vi_given[] = {"Lan", "Minh", "Huong", "Anh", "Tuấn", "Linh",
	"Thảo", "Dũng", "Hải", "Phương", "Quang", "Hằng", "Đức", "Ngọc", "Trang"};
static const char *const vi_family[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh",
	"Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"};
static const char *const fr_given[] = {"Chloé", "Zoë", "Léa", "Élodie", "Hélène", "Amélie",
	"Céline", "François", "Jérôme", "Théo", "Gaël", "Noël", "Pierre", "Benoît", "Renée"};
static const char *const fr_family[] = {"Dubois", "Lefèvre", "Moreau", "Girard", "Bérubé",
	"Côté", "Lévesque", "Gauthier", "Rousseau", "Fournier", "Mercier", "Bélanger"};
static const char *const nordic_given[] = {"Søren", "Åsa", "Björn", "Jörg", "Märta", "Øystein",
	"Ingrid", "Lars", "Sigrún", "Anneliese", "Jürgen", "Käthe", "Henrik", "Astrid"};
static const char *const nordic_family[] = {"Madsen", "Johansson", "Lindqvist", "Ødegaard",
	"Åberg", "Müller", "Schäfer", "Vogt", "Nyström", "Sørensen", "Brandt", "Albrecht"};
static const char *const pl_given[] = {"Łukasz", "Małgorzata", "Paweł", "Agnieszka", "Michał",
	"Zofia", "Wojciech", "Katarzyna", "Jędrzej", "Bożena", "Piotr", "Dorota"};
static const char *const pl_family[] = {"Nowak", "Kowalski", "Wiśniewski", "Wójcik",
	"Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski"};
static const char *const pl_nick[] = {"Kasia", "Gosia", "Luke", "Basia"};
static const char *const afr_given[] = {"Adaeze", "Chinedu", "Amara", "Kwame", "Ngozi",
	"Oluwaseun", "Aisha", "Kofi", "Abena", "Emeka", "Folake", "Yaw", "Zainab", "Tunde"};
static const char *const afr_family[] = {"Okafor", "Okonkwo", "Nwosu", "Asante", "Bello",
	"Osei", "Adeyemi", "Mensah", "Eze", "Boateng", "Ogunleye", "Abubakar"};
static const char *const in_given[] = {"Priya", "Rajesh", "Ananya", "Vikram", "Lakshmi",
	"Arjun", "Deepa", "Sanjay", "Kavya", "Rahul", "Meera", "Fatima", "Imran", "Samira"};
static const char *const in_family[] = {"Raman", "Iyer", "Sharma", "Patel", "Reddy", "Rao",
	"Nair", "Gupta", "Rahman", "Haddad", "Khan", "Chowdhury", "Farouk"};
static const char *const zh_given[] = {"芳", "伟", "娜", "静", "磊", "敏", "洋", "艳", "杰", "涛"};
static const char *const zh_family[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"};
static const char *const ja_given[] = {"さくら", "ひろし", "ゆき", "たろう", "はるか",
	"健太", "美咲", "翔", "陽子", "大輔"};
static const char *const ja_family[] = {"田中", "佐藤", "鈴木", "高橋", "渡辺", "伊藤",
	"山本", "中村", "小林", "加藤"};
static const char *const ko_given[] = {"지원", "민준", "서연", "도윤", "하은", "지호"};
static const char *const ko_family[] = {"김", "이", "박", "최", "정", "강"};
static const char *const ru_given[] = {"Дмитрий", "Ольга", "Сергей", "Анна", "Алексей",
	"Наталья", "Иван", "Екатерина", "Михаил", "Татьяна"};
static const char *const ru_family[] = {"Соколов", "Петрова", "Иванов", "Смирнова",
	"Кузнецов", "Попова", "Волков", "Новикова", "Морозов", "Лебедева"};
static const char *const ru_nick[] = {"Дима", "Оля", "Серёжа", "Аня", "Миша"};
static const char *const ar_given[] = {"محمد", "فاطمة", "أحمد", "مريم", "علي", "خديجة",
	"عمر", "ليلى", "يوسف", "نور"};
static const char *const ar_family[] = {"الحسن", "الخطيب", "حداد", "منصور", "العلي",
	"سليمان", "نصار", "الزين"};
static const char *const ar_nick[] = {"Mo", "Abu Omar", "Noor"};

struct gen_culture {
	const char *const *given;
	long long n_given;
	const char *const *family;
	long long n_family;
	const char *const *nick;
	long long n_nick;
	bool family_first;          /* "王芳", "田中 さくら" */
	const char *sep;            /* between family and given when family_first */
	const char *ascii_tag;      /* for generated e-mail addresses and handles */
};

static const struct gen_culture gen_cultures[] = {
	{ARR(en_given), ARR(en_family), ARR(en_nick), false, " ", "user"},
	{ARR(es_given), ARR(es_family), ARR(es_nick), false, " ", "hola"},
	{ARR(vi_given), ARR(vi_family), NULL, 0, true, " ", "viet"},
	{ARR(fr_given), ARR(fr_family), NULL, 0, false, " ", "bonjour"},
	{ARR(nordic_given), ARR(nordic_family), NULL, 0, false, " ", "nord"},
	{ARR(pl_given), ARR(pl_family), ARR(pl_nick), false, " ", "pl"},
	{ARR(afr_given), ARR(afr_family), NULL, 0, false, " ", "naija"},
	{ARR(in_given), ARR(in_family), NULL, 0, false, " ", "desi"},
	{ARR(zh_given), ARR(zh_family), NULL, 0, true, "", "zhong"},
	{ARR(ja_given), ARR(ja_family), NULL, 0, true, " ", "nihon"},
	{ARR(ko_given), ARR(ko_family), NULL, 0, true, "", "hangul"},
	{ARR(ru_given), ARR(ru_family), ARR(ru_nick), false, " ", "rus"},
	{ARR(ar_given), ARR(ar_family), ARR(ar_nick), false, " ", "arab"},
};
static const long long gen_n_cultures = (long long)NELEM(gen_cultures);
static const int gen_culture_w[NELEM(gen_cultures)] = {40, 15, 6, 5, 4, 3, 6, 7, 4, 2, 2, 3, 3};

static const char *const gen_tags[] = {"housing", "schools", "transit", "zoning", "labor",
	"press", "budget", "small-business", "parks", "public-safety", "volunteer", "donor",
	"faith", "youth", "seniors", "health", "environment", "arts", "tech", "district-1",
	"district-2", "district-3", "district-4", "district-5", "district-6", "alumni", "mentor",
	"tenants", "climate", "libraries", "bikes", "immigration", "veterans", "disability",
	"childcare", "water", "energy", "food", "sports", "family"};
static const long long gen_n_tags = (long long)NELEM(gen_tags);

static const char *const gen_topics[] = {"the school bond", "rent stabilisation",
	"the Old Mill overlay", "fourplex rules", "bus route 12", "the budget", "Eastside Park",
	"the library hours", "bike lanes on Main", "the tenant survey", "the capital plan",
	"public comment", "the endorsement", "the canvass", "the fundraiser", "the housing element",
	"street lighting", "the youth jobs programme", "the food pantry", "the trades pathway",
	"the oversight committee", "flood maps", "the river trail", "the water rates",
	"school portables", "the transit shelters", "the election calendar", "the climate plan"};
static const char *const gen_places[] = {"Riverton", "Eastside", "Old Mill", "Northgate",
	"Riverside", "Southbank", "Hillcrest", "Lakeview", "Cedar Heights", "Main Street",
	"Harbour", "Westfield", "Union Square", "Maple Grove"};

struct gen_orgform {
	const char *fmt;            /* printf with (place, topic) */
	const char *kind;
	const char *what;
};
static const struct gen_orgform gen_orgforms[] = {
	{"%s Neighbourhood Association", "association", "Residents' association"},
	{"%s Residents' Council", "association", "Residents' council"},
	{"%s Tenants Union", "community", "Tenant organising"},
	{"%s Community Land Trust", "community", "Permanently affordable housing"},
	{"%s Chamber of Commerce", "business", "Local businesses"},
	{"%s Business Improvement District", "business", "Merchants"},
	{"%s Hardware and Supply", "business", "A family business"},
	{"%s Credit Union", "business", "A member-owned bank"},
	{"%s Teachers Association", "union", "Teachers"},
	{"%s Nurses Union", "union", "Nurses"},
	{"%s Building Trades Local", "union", "Construction workers"},
	{"%s Elementary School", "school", "A public school"},
	{"%s High School PTA", "school", "Parents and teachers"},
	{"%s Community College", "school", "A college"},
	{"%s Gazette", "media", "Local news"},
	{"%s Community Radio", "media", "Community radio"},
	{"%s Democrats", "party", "The local party club"},
	{"%s Republican Club", "party", "The local party club"},
	{"%s Planning Office", "government", "City staff"},
	{"%s Parks Department", "government", "City department"},
	{"Friends of %s", "campaign", "A campaign"},
	{"Yes on %s", "campaign", "A ballot campaign"},
	{"%s Interfaith Council", "community", "Congregations"},
	{"%s Food Bank", "community", "Food assistance"},
	{"%s Youth Soccer League", "other", "Sports for kids"},
};
static const long long gen_n_orgforms = (long long)NELEM(gen_orgforms);

static const char *const gen_event_kinds[] = {"town-hall", "council-meeting", "conference",
	"rally", "fundraiser", "volunteer-shift", "meetup", "informational-interview",
	"one-to-one", "other"};
/* printf with (topic, place), by kind. */
static const char *const gen_event_titles[] = {"Town hall on %s in %s",
	"Council meeting: %s (%s)", "Regional conference on %s, %s", "Rally for %s at %s",
	"Fundraiser for %s, %s", "Volunteer shift: %s in %s", "Meetup about %s, %s",
	"Informational interview about %s, %s", "One-to-one about %s, %s", "Open house on %s in %s"};
static const char *const gen_venues[] = {"City Hall", "Council Chambers", "Public Library",
	"St. Brigid's Parish Hall", "Community Center", "Lincoln Elementary gym",
	"Riverton High Library", "Cedar Grill", "Bean There Café", "Union Hall", "Zoom",
	"Riverside Apartments community room", "Grand Hotel ballroom", "Eastside Park pavilion"};
static const char *const gen_titles[] = {"Member", "Member", "Member", "Board member",
	"Chair", "Vice chair", "Treasurer", "Secretary", "President", "Director", "Organiser",
	"Volunteer", "Staff", "Commissioner", "Council member", "Trustee", "Owner", "Reporter",
	"Editor", "Pastor", "Principal", "Teacher", "Coordinator", "Captain"};
/* One %s: a topic. */
static const char *const gen_summaries[] = {"Coffee about %s", "Call: %s", "Emailed about %s",
	"Met at City Hall about %s", "Quick chat about %s", "Asked for support on %s",
	"Sent the fact sheet on %s", "Long call about %s; worried about cost",
	"Lunch: %s and the election", "Texted about %s", "Thanked them for help with %s",
	"Update on %s", "Disagreed about %s but stayed friendly", "Introduced me to a contact on %s",
	"Door-knock conversation about %s", "Notes from the meeting on %s",
	"Left a voicemail about %s", "Shared the draft letter on %s", "Ran into them; talked %s",
	"Planning call for %s", "Asked what they need on %s", "Heard concerns about %s",
	"Agreed to speak at public comment on %s", "Follow-up on %s"};
static const long long gen_n_summaries = (long long)NELEM(gen_summaries);
/* By follow-up kind; one %s: a topic. */
static const char *const gen_followup_titles[] = {"Thank-you note for help with %s",
	"Send the numbers on %s", "Introduce them to someone working on %s",
	"Check in about %s", "Ask for support on %s", "Remember: %s"};
static const char *const gen_notes[] = {"Prefers a call to email.", "Has two kids in public school.",
	"Retired teacher; knows everyone on the block.", "Asked good questions about cost.",
	"Wants to see the numbers first.", "Close to the incumbent.", "Volunteered last cycle.",
	"Speaks Spanish at home.", "Owns a business on Main Street.", "Skeptical but listening.",
	"Runs the building's WhatsApp group.", "Gave to the campaign last year.",
	"Busy until after the budget vote.", "Met through the tenants union.",
	"Coaches youth soccer on Saturdays.", "Would host a house meeting."};
static const char *const gen_how_met[] = {"Town hall", "Council meeting", "Door-knocking",
	"Through a friend", "School pickup", "Tenants union meeting", "Chamber breakfast",
	"Church", "Online", "Volunteer shift"};
static const char *const gen_mail_domains[] = {"example.com", "example.org", "example.net",
	"riverton.example", "mail.example"};
static const char *const gen_snooze_reasons[] = {"travelling", "waiting for the data",
	"after the vote", "no reply yet", "busy week"};
static const char *const gen_move_reasons[] = {"spoke at public comment", "signed the letter",
	"met with the opposition", "said yes in private", "wavering after the town hall",
	"endorsed", "asked about cost", "new information from a colleague", "re-assessed"};
static const char *const gen_map_topics[] = {"School bond 2027", "Rent stabilisation",
	"Old Mill overlay", "Fourplex rules", "Bus route 12", "Budget 2027", "Library hours",
	"Bike lanes on Main", "Climate plan", "Water rates"};
static const long long gen_n_map_topics = (long long)NELEM(gen_map_topics);


struct opts {
	const char *path;
	long long contacts, orgs, roles, interactions, followups, events,
		attendance, relationships, maps, placements, office_phones;
	uint64_t seed;
	long today;                     /* days since 1970-01-01 */
	bool check;
	bool verbose;                   /* time each phase on stderr */
};

static sqlite3 *g_db;
static uint64_t g_rng;

static void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("kith-gen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* ---- randomness ---------------------------------------------------- */

static uint64_t
rnd(void)
{
	uint64_t z = (g_rng += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A hash of (seed, n) that leaves the generator's own sequence alone. */
static uint64_t
mix(uint64_t seed, uint64_t n)
{
	uint64_t z = seed * 0x9E3779B97F4A7C15ULL + n * 0xD1B54A32D192ED03ULL + 1;

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static long long
rnd_below(long long n)
{
	return n <= 0 ? 0 : (long long)(rnd() % (uint64_t)n);
}

/* Uniform in [0, 1). */
static double
rnd_unit(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}

static bool
chance(double p)
{
	return rnd_unit() < p;
}

/* Index into weights[0..n) chosen with those relative weights. */
static int
rnd_weighted(const int *w, int n)
{
	int i, total = 0;
	long long r;

	for (i = 0; i < n; i++)
		total += w[i];
	r = rnd_below(total);
	for (i = 0; i < n; i++) {
		if (r < w[i])
			return i;
		r -= w[i];
	}
	return n - 1;
}

#define PICK(arr) ((arr)[rnd_below((long long)NELEM(arr))])

/*
** A contact id with a skewed distribution: a small "hot" set (2%) gets
** `hot_share` of the picks, spread unevenly; the rest go uniformly to the
** active part (85%), so some contacts have hundreds of rows, most have a
** few and some have none. Ids are scattered with a multiplicative hash so
** hot contacts are not all at the start.
*/
static long long
scatter(long long k, long long n)
{
	/* 2654435761 is coprime with every n that is not a multiple of it. */
	return (long long)(((unsigned long long)k * 2654435761ULL) % (unsigned long long)n) + 1;
}

static long long
pick_contact(long long n, double hot_share)
{
	long long hot = n / 50 > 0 ? n / 50 : 1;
	long long active = n * 85 / 100 > hot ? n * 85 / 100 : n;
	long long k;

	if (chance(hot_share))
		k = (long long)((double)hot * rnd_unit() * rnd_unit());
	else
		k = rnd_below(active);
	return scatter(k, n);
}

/* ---- dates ------------------------------------------------------------ */

static long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static bool
parse_date(const char *s, long *out)
{
	int y, m, d, n = 0;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || (n != 10 && s[n] != ' '))
		return false;
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	*out = days_from_civil(y, m, d);
	return true;
}

/* "YYYY-MM-DD" for a day number. */
static void
fmt_date(char out[TBUF], long day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(out, TBUF, "%04d-%02d-%02d", y, m, d);
}

/* "YYYY-MM-DD HH:MM" (with_seconds: ":SS" too) at minute-of-day min. */
static void
fmt_time(char out[TBUF], long day, int min, bool with_seconds)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	if (with_seconds)
		snprintf(out, TBUF, "%04d-%02d-%02d %02d:%02d:00", y, m, d, min / 60, min % 60);
	else
		snprintf(out, TBUF, "%04d-%02d-%02d %02d:%02d", y, m, d, min / 60, min % 60);
}

/* A plausible working-hours minute of the day, on the quarter hour. */
static int
rnd_minute(void)
{
	static const int hours[] = {7, 8, 9, 9, 10, 10, 11, 12, 13, 14, 14, 15, 16, 17, 18, 19, 20};

	return PICK(hours) * 60 + (int)rnd_below(4) * 15;
}

/* ---- SQL helpers ------------------------------------------------------ */

/* With --verbose, print the seconds since the previous phase. */
static void
phase(const struct opts *o, const char *what)
{
	static struct timespec last;
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (o->verbose && last.tv_sec)
		fprintf(stderr, "kith-gen: %-36s %6.2f s\n", what,
			(double)(now.tv_sec - last.tv_sec) + (double)(now.tv_nsec - last.tv_nsec) / 1e9);
	last = now;
}

static void
exec(const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(g_db, sql, NULL, NULL, &msg) != SQLITE_OK)
		die("%s: %s", sql, msg ? msg : "error");
}

static sqlite3_stmt *
prep(const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v3(g_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		die("prepare %s: %s", sql, sqlite3_errmsg(g_db));
	return st;
}

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

static void
bind_int(sqlite3_stmt *st, int i, long long v)
{
	sqlite3_bind_int64(st, i, v);
}

/* Bind v, or NULL when v is 0. */
static void
bind_id(sqlite3_stmt *st, int i, long long v)
{
	if (v)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

/* Step an INSERT; returns the rows changed (0 for an ignored duplicate). */
static int
step(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE)
		die("%s: %s", sqlite3_sql(st), sqlite3_errmsg(g_db));
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return sqlite3_changes(g_db);
}

static long long
query_int(const char *sql)
{
	sqlite3_stmt *st = prep(sql);
	long long v = 0;

	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* ---- generation -------------------------------------------------------- */

static char *
fold(const char *s)
{
	char *k = fold_text(s);

	if (!k)
		die("out of memory");
	return k;
}

static void
gen_orgs(const struct opts *o)
{
	sqlite3_stmt *st = prep("INSERT INTO organisation (id, name, name_key, kind, description,"
		" influence, parent_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)");
	static const int infl_w[] = {30, 30, 20, 13, 7};
	char name[256], desc[256], created[TBUF];
	long long i;

	for (i = 1; i <= o->orgs; i++) {
		const struct gen_orgform *f = &gen_orgforms[rnd_below((long long)gen_n_orgforms)];
		const char *place = PICK(gen_places);
		char *key;

		snprintf(name, sizeof(name), f->fmt, place, PICK(gen_topics));
		if (i > 200)    /* many organisations share a pattern: number them */
			snprintf(name + strlen(name), sizeof(name) - strlen(name), " %lld", i / 7);
		snprintf(desc, sizeof(desc), "%s in %s; active on %s.", f->what, place, PICK(gen_topics));
		key = fold(name);
		fmt_time(created, o->today - HISTORY_DAYS - rnd_below(700), 540, true);
		bind_int(st, 1, i);
		bind_text(st, 2, name);
		bind_text(st, 3, key);
		bind_text(st, 4, f->kind);
		bind_text(st, 5, desc);
		if (chance(0.9))
			bind_int(st, 6, rnd_weighted(infl_w, 5) + 1);
		bind_id(st, 7, i > 20 && chance(0.1) ? 1 + rnd_below(i - 1) : 0);
		bind_text(st, 8, created);
		bind_text(st, 9, created);
		step(st);
		free(key);
	}
	sqlite3_finalize(st);
}

static void
gen_events(const struct opts *o)
{
	sqlite3_stmt *st = prep("INSERT INTO event (id, title, kind, start_at, end_at, location,"
		" host_org_id, notes, uid, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
	static const int kind_w[] = {10, 15, 6, 5, 6, 8, 15, 8, 12, 15};
	char title[256], start[TBUF], end[TBUF], created[TBUF], uid[64];
	long long i;

	for (i = 1; i <= o->events; i++) {
		int k = rnd_weighted(kind_w, (int)NELEM(kind_w));
		/* Spread over the history and three months ahead, in date order. */
		long day = o->today - HISTORY_DAYS + (long)((HISTORY_DAYS + 90) * (i - 1) / o->events)
			+ (long)rnd_below(3);
		int min = k == 1 ? 18 * 60 : rnd_minute();
		int len = 30 + 30 * (int)rnd_below(6);

		snprintf(title, sizeof(title), gen_event_titles[k], PICK(gen_topics), PICK(gen_places));
		fmt_time(start, day, min, false);
		fmt_time(end, day, min + len < 24 * 60 ? min + len : 23 * 60 + 59, false);
		fmt_time(created, day - 10 - rnd_below(30), 600, true);
		snprintf(uid, sizeof(uid), "gen-%lld@kith-gen", i);
		bind_int(st, 1, i);
		bind_text(st, 2, title);
		bind_text(st, 3, gen_event_kinds[k]);
		bind_text(st, 4, start);
		bind_text(st, 5, end);
		bind_text(st, 6, PICK(gen_venues));
		bind_id(st, 7, o->orgs && chance(0.5) ? 1 + rnd_below(o->orgs) : 0);
		bind_text(st, 8, chance(0.2) ? PICK(gen_notes) : "");
		bind_text(st, 9, uid);
		bind_text(st, 10, created);
		bind_text(st, 11, created);
		step(st);
	}
	sqlite3_finalize(st);
}

static void
gen_contacts(const struct opts *o)
{
	sqlite3_stmt *st = prep("INSERT INTO contact (id, display_name, name_key, given_name,"
		" family_name, pronouns, district, influence, alignment, tier, cadence_days, notes,"
		" archived, created_at, updated_at, birthday, how_met, met_event_id, introducer_id,"
		" uid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	sqlite3_stmt *ch = prep("INSERT INTO contact_channel (contact_id, kind, label, value,"
		" value_key, position) VALUES (?,?,?,?,?,?)");
	sqlite3_stmt *nk = prep("INSERT OR IGNORE INTO contact_nickname (contact_id, nickname,"
		" nick_key) VALUES (?,?,?)");
	sqlite3_stmt *tg = prep("INSERT INTO tag (id, name) VALUES (?,?)");
	sqlite3_stmt *ct = prep("INSERT OR IGNORE INTO contact_tag (contact_id, tag_id) VALUES (?,?)");
	static const int infl_w[] = {15, 35, 25, 14, 7, 4};     /* unknown, 1..5 */
	static const int align_w[] = {5, 10, 55, 20, 10};
	static const int tier_w[] = {30, 2, 8, 25, 35};
	static const char *const tiers[] = {NULL, "A", "B", "C", "D"};
	static const char *const pronouns[] = {"she/her", "he/him", "they/them", "", ""};
	char name[256], mail[256], phone[64], handle[128], created[TBUF], updated[TBUF], birthday[TBUF];
	char district[32], digits[32], uid[48];
	long long i, t;

	for (t = 0; o->contacts && t < (long long)gen_n_tags; t++) {
		bind_int(tg, 1, t + 1);
		bind_text(tg, 2, gen_tags[t]);
		step(tg);
	}
	for (i = 1; i <= o->contacts; i++) {
		const struct gen_culture *c = &gen_cultures[rnd_weighted(gen_culture_w, (int)gen_n_cultures)];
		const char *given = c->given[rnd_below(c->n_given)];
		const char *family = c->family[rnd_below(c->n_family)];
		int tier = rnd_weighted(tier_w, 5), infl = rnd_weighted(infl_w, 6), n, j;
		long created_day = o->today - rnd_below(HISTORY_DAYS + 400);
		char *key;

		if (c->family_first)
			snprintf(name, sizeof(name), "%s%s%s", family, c->sep, given);
		else
			snprintf(name, sizeof(name), "%s %s", given, family);
		key = fold(name);
		fmt_time(created, created_day, 540 + (int)rnd_below(480), true);
		fmt_time(updated, created_day + rnd_below(o->today - created_day + 1), 600, true);
		snprintf(district, sizeof(district), "District %d", 1 + (int)rnd_below(9));
		bind_int(st, 1, i);
		bind_text(st, 2, name);
		bind_text(st, 3, key);
		bind_text(st, 4, given);
		bind_text(st, 5, family);
		bind_text(st, 6, PICK(pronouns));
		bind_text(st, 7, chance(0.7) ? district : "");
		bind_id(st, 8, infl);
		bind_int(st, 9, rnd_weighted(align_w, 5) - 2);
		if (tiers[tier])
			bind_text(st, 10, tiers[tier]);
		if (chance(0.03))
			bind_int(st, 11, chance(0.3) ? 0 : 7 * (1 + rnd_below(12)));
		bind_text(st, 12, chance(0.25) ? PICK(gen_notes) : "");
		bind_int(st, 13, chance(0.02));
		bind_text(st, 14, created);
		bind_text(st, 15, updated);
		if (chance(0.15)) {
			fmt_date(birthday, days_from_civil(1940 + (int)rnd_below(65), 1, 1) + rnd_below(365));
			bind_text(st, 16, birthday);
		}
		bind_text(st, 17, chance(0.3) ? PICK(gen_how_met) : "");
		if (o->events && chance(0.1))
			bind_int(st, 18, 1 + rnd_below(o->events));
		if (i > 1 && chance(0.05))
			bind_int(st, 19, 1 + rnd_below(i - 1));
		{
			uint64_t a = mix(o->seed, (uint64_t)i), b = mix(o->seed ^ 0x5555, (uint64_t)i);
			snprintf(uid, sizeof(uid), "%08llx-%04llx-4%03llx-%04llx-%012llx",
				 (unsigned long long)(a >> 32), (unsigned long long)(a >> 16 & 0xffff),
				 (unsigned long long)(a & 0xfff),
				 (unsigned long long)(0x8000 | (b >> 48 & 0x3fff)),
				 (unsigned long long)(b & 0xffffffffffffULL));
			bind_text(st, 20, uid);
		}
		step(st);
		/* an office line shared by many (the same few numbers) */
		if (o->office_phones > 0 && (long long)(mix(o->seed, (uint64_t)i + 7777777) % 100) <
		    o->office_phones) {
			long long office = (long long)(mix(o->seed, (uint64_t)i + 999) % 40);
			snprintf(phone, sizeof(phone), "(555) 010-%04lld", 1000 + office);
			snprintf(digits, sizeof(digits), "5550101%03lld", office);
			bind_int(ch, 1, i);
			bind_text(ch, 2, "phone");
			bind_text(ch, 3, "work");
			bind_text(ch, 4, phone);
			bind_text(ch, 5, digits);
			bind_int(ch, 6, 9);
			step(ch);
		}

		/* Channels: e-mail for most, phones for half, a few handles. */
		if (chance(0.8)) {
			snprintf(mail, sizeof(mail), "%s%lld@%s", c->ascii_tag, i, PICK(gen_mail_domains));
			bind_int(ch, 1, i);
			bind_text(ch, 2, "email");
			bind_text(ch, 3, chance(0.6) ? "work" : "home");
			bind_text(ch, 4, mail);
			bind_text(ch, 5, mail);
			bind_int(ch, 6, 0);
			step(ch);
		}
		for (n = chance(0.5) + chance(0.1), j = 0; j < n; j++) {
			long long num = 2000000 + (long long)((i * 7919 + j * 104729) % 7999999);

			snprintf(phone, sizeof(phone), "(555) %03lld-%04lld", num / 10000 % 1000, num % 10000);
			snprintf(digits, sizeof(digits), "555%03lld%04lld", num / 10000 % 1000, num % 10000);
			bind_int(ch, 1, i);
			bind_text(ch, 2, "phone");
			bind_text(ch, 3, j ? "home" : "mobile");
			bind_text(ch, 4, phone);
			bind_text(ch, 5, digits);
			bind_int(ch, 6, j);
			step(ch);
		}
		if (chance(0.1)) {
			snprintf(handle, sizeof(handle), "@%s_%lld", c->ascii_tag, i);
			bind_int(ch, 1, i);
			bind_text(ch, 2, "handle");
			bind_text(ch, 3, "social");
			bind_text(ch, 4, handle);
			bind_text(ch, 5, handle);
			bind_int(ch, 6, 0);
			step(ch);
		}
		if (chance(0.1) && c->n_nick) {
			const char *nick = c->nick[rnd_below(c->n_nick)];
			char *nkey = fold(nick);

			bind_int(nk, 1, i);
			bind_text(nk, 2, nick);
			bind_text(nk, 3, nkey);
			step(nk);
			free(nkey);
		}
		/* Tags: 0..3, the popular ones far more often (Zipf-like). */
		for (n = (int)rnd_below(4), j = 0; j < n; j++) {
			bind_int(ct, 1, i);
			bind_int(ct, 2, 1 + (long long)((double)gen_n_tags * rnd_unit() * rnd_unit()));
			step(ct);
		}
		free(key);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(ch);
	sqlite3_finalize(nk);
	sqlite3_finalize(tg);
	sqlite3_finalize(ct);
}

static void
gen_roles(const struct opts *o)
{
	sqlite3_stmt *st = prep("INSERT INTO role (contact_id, org_id, seat, title, start_date,"
		" end_date) VALUES (?,?,?,?,?,?)");
	char seat[64], from[TBUF], to[TBUF];
	long long i;

	for (i = 0; i < o->roles && o->orgs; i++) {
		/* Big organisations have many members: skew the org pick. */
		long long org = 1 + (long long)((double)o->orgs * rnd_unit() * rnd_unit());
		long start = o->today - 30 - rnd_below(HISTORY_DAYS * 3);

		bind_int(st, 1, pick_contact(o->contacts, 0.2));
		bind_int(st, 2, org);
		if (chance(0.15)) {
			snprintf(seat, sizeof(seat), "%s %d", chance(0.5) ? "District" : "Seat",
				 1 + (int)rnd_below(9));
			bind_text(st, 3, seat);
		} else {
			bind_text(st, 3, "");
		}
		bind_text(st, 4, PICK(gen_titles));
		fmt_date(from, start);
		bind_text(st, 5, from);
		if (chance(0.2)) {
			fmt_date(to, start + 1 + rnd_below(o->today - start));
			bind_text(st, 6, to);
		}
		step(st);
	}
	sqlite3_finalize(st);
}

static void
gen_relationships(const struct opts *o)
{
	sqlite3_stmt *st = prep("INSERT INTO relationship (a_id, b_id, b_org_id, type, strength,"
		" start_date, end_date, note, source, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)");
	static const int type_w[] = {30, 20, 5, 8, 3, 4, 3, 2, 4, 4, 8, 3, 6};
	static const char *const types[] = {"professional", "social", "family", "membership",
		"position", "education", "donation", "lobbying", "hierarchy", "mentor", "ally",
		"rival", "generic"};
	char from[TBUF], to[TBUF], created[TBUF];
	long long i;

	for (i = 0; i < o->relationships && o->contacts >= 2; i++) {
		long long a = pick_contact(o->contacts, 0.5), b;
		long start = o->today - 10 - rnd_below(HISTORY_DAYS * 3);
		int type = rnd_weighted(type_w, (int)NELEM(type_w));

		bind_int(st, 1, a);
		if (o->orgs && chance(0.1)) {
			bind_int(st, 3, 1 + rnd_below(o->orgs));
		} else {
			while ((b = pick_contact(o->contacts, 0.3)) == a)
				;
			bind_int(st, 2, b);
		}
		bind_text(st, 4, types[type]);
		bind_int(st, 5, 1 + rnd_below(3));
		if (chance(0.7)) {
			fmt_date(from, start);
			bind_text(st, 6, from);
			if (chance(0.1)) {
				fmt_date(to, start + rnd_below(o->today - start + 1));
				bind_text(st, 7, to);
			}
		}
		bind_text(st, 8, chance(0.1) ? PICK(gen_notes) : "");
		bind_text(st, 9, chance(0.05) ? "told me by a colleague" : "");
		fmt_time(created, o->today - rnd_below(HISTORY_DAYS), 600, true);
		bind_text(st, 10, created);
		step(st);
	}
	sqlite3_finalize(st);
}

/* Start day of event id (as gen_events laid them out, without the jitter). */
static long
event_day(const struct opts *o, long long id)
{
	return o->today - HISTORY_DAYS + (long)((HISTORY_DAYS + 90) * (id - 1) / o->events);
}

static void
gen_attendance(const struct opts *o)
{
	sqlite3_stmt *st = prep("INSERT OR IGNORE INTO attendance (event_id, contact_id, role, status)"
		" VALUES (?,?,?,?)");
	static const int past_w[] = {20, 5, 50, 10, 15};
	static const char *const statuses[] = {"invited", "confirmed", "attended", "no-show", "met"};
	long long done = 0, tries = 0;

	while (o->events && done < o->attendance && tries++ < o->attendance * 4) {
		long long ev = 1 + (long long)((double)o->events * (1.0 - rnd_unit() * rnd_unit()));
		bool past = event_day(o, ev) + 3 < o->today;
		int s = past ? rnd_weighted(past_w, 5) : (int)rnd_below(2);

		if (ev > o->events)
			ev = o->events;
		bind_int(st, 1, ev);
		bind_int(st, 2, pick_contact(o->contacts, 0.3));
		bind_text(st, 3, chance(0.03) ? (chance(0.5) ? "host" : "speaker") : "attendee");
		bind_text(st, 4, statuses[s]);
		done += step(st);
	}
	sqlite3_finalize(st);
}

static void
gen_interactions(const struct opts *o)
{
	sqlite3_stmt *st = prep("INSERT INTO interaction (id, at, kind, summary, body, event_id,"
		" created_at, exchange) VALUES (?,?,?,?,?,?,?,?)");
	sqlite3_stmt *ic = prep("INSERT OR IGNORE INTO interaction_contact (interaction_id,"
		" contact_id, at, exchange) VALUES (?,?,?,?)");
	static const int kind_w[] = {18, 22, 15, 12, 6, 14, 5, 8};
	static const char *const kinds[] = {"call", "email", "meeting", "coffee", "event",
		"message", "social", "note"};
	static const int ncontacts_w[] = {85, 12, 3};
	char at[TBUF], created[TBUF], summary[256], body[512];
	const char *exchange;
	long long i;

	for (i = 1; i <= o->interactions; i++) {
		/* In date order, denser towards today: people log more as they go. */
		double f = (double)(i - 1) / (double)o->interactions;
		long day = o->today - HISTORY_DAYS + (long)(HISTORY_DAYS * (1.0 - (1.0 - f) * (1.0 - f)));
		int k = rnd_weighted(kind_w, 8), n, j;
		long long ev = 0;

		fmt_time(at, day, rnd_minute(), false);
		fmt_time(created, day, 23 * 60, true);
		snprintf(summary, sizeof(summary), gen_summaries[rnd_below((long long)gen_n_summaries)],
			 PICK(gen_topics));
		bind_int(st, 1, i);
		bind_text(st, 2, at);
		bind_text(st, 3, kinds[k]);
		bind_text(st, 4, summary);
		if (chance(0.15)) {
			snprintf(body, sizeof(body), "%s %s", PICK(gen_notes), PICK(gen_notes));
			bind_text(st, 5, body);
		} else {
			bind_text(st, 5, "");
		}
		if (k == 4 && o->events) {
			ev = 1 + rnd_below(o->events);
			bind_int(st, 6, ev);
		}
		bind_text(st, 7, created);
		/* help given and favours asked (kith health): 1 in 29 and 1 in 37, by id, so
		   the random stream (and everything drawn from it) stays as it was */
		exchange = i % 29 == 0 ? "give" : i % 37 == 0 ? "ask" : "none";
		bind_text(st, 8, exchange);
		step(st);
		for (n = rnd_weighted(ncontacts_w, 3) + 1, j = 0; j < n; j++) {
			bind_int(ic, 1, i);
			bind_int(ic, 2, pick_contact(o->contacts, 0.4));
			bind_text(ic, 3, at);
			bind_text(ic, 4, exchange);
			step(ic);
		}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(ic);
}

/*
 * Concerns people raised (issue 18): one for every fifth contact, over the
 * last year, on 200 issues of which the first ones are raised most; a
 * promise (with an update, told to a few) on each of the first 20 issues.
 */
#define GEN_ISSUES 200

static void
gen_concerns(const struct opts *o)
{
	sqlite3_stmt *tg, *cn, *pr, *pu, *pt;
	long long base = gen_n_tags, n = o->contacts / 5, i;
	char name[64], day[TBUF], created[TBUF], words[160];

	if (!o->contacts)
		return;
	tg = prep("INSERT INTO tag (id, name) VALUES (?,?)");
	cn = prep("INSERT INTO concern (tag_id, contact_id, raised_at, words, created_at)"
		" VALUES (?,?,?,?,?)");
	pr = prep("INSERT INTO promise (id, tag_id, title, made_at, created_at) VALUES (?,?,?,?,?)");
	pu = prep("INSERT INTO promise_update (id, promise_id, at, text, created_at)"
		" VALUES (?,?,?,?,?)");
	pt = prep("INSERT OR IGNORE INTO promise_told (update_id, contact_id, at) VALUES (?,?,?)");
	for (i = 1; i <= GEN_ISSUES; i++) {
		snprintf(name, sizeof name, "issue-%lld", i);
		bind_int(tg, 1, base + i);
		bind_text(tg, 2, name);
		step(tg);
	}
	for (i = 1; i <= n; i++) {
		/* skewed: issue k with weight about 1/k */
		long long k = 1 + (long long)(GEN_ISSUES * (double)rnd_below(1000) *
					      rnd_below(1000) / 1e6);
		long d = o->today - rnd_below(365);
		fmt_date(day, d);
		fmt_time(created, d, 600 + rnd_below(600), true);
		snprintf(words, sizeof words, "About %s: %s", PICK(gen_topics), PICK(gen_topics));
		bind_int(cn, 1, base + k);
		bind_int(cn, 2, pick_contact(o->contacts, 0.3));
		bind_text(cn, 3, day);
		bind_text(cn, 4, words);
		bind_text(cn, 5, created);
		step(cn);
	}
	for (i = 1; i <= 20; i++) {
		fmt_date(day, o->today - 60 + i);
		fmt_time(created, o->today - 60 + i, 600, true);
		snprintf(name, sizeof name, "Fix issue %lld", i);
		bind_int(pr, 1, i);
		bind_int(pr, 2, base + i);
		bind_text(pr, 3, name);
		bind_text(pr, 4, day);
		bind_text(pr, 5, created);
		step(pr);
		fmt_date(day, o->today - 20 + i);
		bind_int(pu, 1, i);
		bind_int(pu, 2, i);
		bind_text(pu, 3, day);
		bind_text(pu, 4, "the work order is filed");
		bind_text(pu, 5, created);
		step(pu);
		for (int t = 0; t < 5; t++) {
			bind_int(pt, 1, i);
			bind_int(pt, 2, pick_contact(o->contacts, 0.3));
			bind_text(pt, 3, day);
			step(pt);
		}
	}
	sqlite3_finalize(tg);
	sqlite3_finalize(cn);
	sqlite3_finalize(pr);
	sqlite3_finalize(pu);
	sqlite3_finalize(pt);
}

static void
gen_followups(const struct opts *o)
{
	sqlite3_stmt *st = prep("INSERT INTO followup (id, contact_id, event_id, interaction_id,"
		" kind, title, due, priority, status, direction, intro_a_id, intro_b_id, intro_by_id,"
		" intro_stage, done_at, snooze_count, snooze_reason, snoozed_at, notes, created_at,"
		" updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	static const int kind_w[] = {20, 20, 5, 30, 15, 10};
	static const char *const kinds[] = {"thank-you", "send-info", "introduce", "check-in",
		"ask", "other"};
	static const int status_w[] = {25, 70, 5};
	static const char *const statuses[] = {"open", "done", "dropped"};
	static const char *const stages[] = {"requested", "made", "met", "thanked"};
	char title[256], due[TBUF], done_at[TBUF], created[TBUF], updated[TBUF], snoozed[TBUF];
	long long i;

	for (i = 1; i <= o->followups; i++) {
		int kind = rnd_weighted(kind_w, 6), s = rnd_weighted(status_w, 3);
		long due_day, created_day;
		int snoozes = chance(0.15) ? 1 + (int)rnd_below(3) : 0;
		bool has_due = s != 0 || chance(0.9);

		if (s == 0)     /* open: around today, a good share overdue */
			due_day = o->today - 60 + rnd_below(120);
		else
			due_day = o->today - 10 - rnd_below(HISTORY_DAYS - 10);
		created_day = due_day - 1 - rnd_below(30);
		if (created_day > o->today)
			created_day = o->today;
		snprintf(title, sizeof(title), gen_followup_titles[kind], PICK(gen_topics));
		bind_int(st, 1, i);
		bind_id(st, 2, chance(0.97) ? pick_contact(o->contacts, 0.4) : 0);
		bind_id(st, 3, o->events && chance(0.1) ? 1 + rnd_below(o->events) : 0);
		bind_id(st, 4, o->interactions && chance(0.3) ? 1 + rnd_below(o->interactions) : 0);
		bind_text(st, 5, kinds[kind]);
		bind_text(st, 6, title);
		if (has_due) {
			fmt_date(due, due_day);
			bind_text(st, 7, due);
		}
		bind_int(st, 8, rnd_below(4) * (long long)chance(0.5));
		bind_text(st, 9, statuses[s]);
		bind_text(st, 10, chance(0.15) ? "owe" : chance(0.12) ? "owed" : "none");
		if (kind == 2 && o->contacts >= 3) {
			long long a = pick_contact(o->contacts, 0.2), b, by;

			while ((b = pick_contact(o->contacts, 0.2)) == a)
				;
			while ((by = pick_contact(o->contacts, 0.2)) == a || by == b)
				;
			bind_int(st, 11, a);
			bind_int(st, 12, b);
			bind_int(st, 13, by);
			bind_text(st, 14, s == 1 ? "thanked" : PICK(stages));
		} else {
			bind_text(st, 14, "none");
		}
		if (s == 1) {
			fmt_time(done_at, due_day - rnd_below(5), rnd_minute(), false);
			bind_text(st, 15, done_at);
		}
		bind_int(st, 16, snoozes);
		bind_text(st, 17, snoozes ? PICK(gen_snooze_reasons) : "");
		if (snoozes) {
			fmt_time(snoozed, created_day + rnd_below(due_day - created_day + 1), 900, false);
			bind_text(st, 18, snoozed);
		}
		bind_text(st, 19, chance(0.1) ? PICK(gen_notes) : "");
		fmt_time(created, created_day, rnd_minute(), true);
		fmt_time(updated, s ? due_day : created_day, 18 * 60, true);
		bind_text(st, 20, created);
		bind_text(st, 21, updated);
		step(st);
	}
	sqlite3_finalize(st);
}

/* A step >= start that is coprime with n, so n steps visit n distinct ids. */
static long long
coprime_stride(long long start, long long n)
{
	long long s, a, b, t;

	if (n <= 1)
		return 1;
	for (s = start % n ? start % n : 1;; s = s % n + 1) {
		for (a = s, b = n; b; t = a % b, a = b, b = t)
			;
		if (a == 1)
			return s;
	}
}

static void
gen_maps(const struct opts *o)
{
	sqlite3_stmt *mp = prep("INSERT INTO power_map (id, name, goal, primary_target_id,"
		" created_at, updated_at) VALUES (?,?,?,?,?,?)");
	sqlite3_stmt *tg = prep("INSERT OR IGNORE INTO map_target (map_id, contact_id) VALUES (?,?)");
	sqlite3_stmt *pl = prep("INSERT INTO placement (map_id, contact_id, org_id, influence,"
		" alignment, note, assessed_at) VALUES (?,?,?,?,?,?,?)");
	sqlite3_stmt *mv = prep("INSERT INTO placement_move (map_id, contact_id, org_id, at,"
		" from_influence, from_alignment, to_influence, to_alignment, reason)"
		" VALUES (?,?,?,?,?,?,?,?,?)");
	char name[256], goal[256], created[TBUF], at[TBUF];
	long long m, p;

	for (m = 1; m <= o->maps; m++) {
		const char *topic = gen_map_topics[(m - 1) % (long long)gen_n_map_topics];
		long long target = 1 + rnd_below(o->contacts);
		long start = o->today - 60 - rnd_below(300);
		long long n_c = o->placements * 9 / 10, n_o = o->placements - n_c;
		long long stride_c, stride_o, off_c, off_o;

		if (n_c > o->contacts)
			n_c = o->contacts;
		if (n_o > o->orgs)
			n_o = o->orgs;
		if (m <= (long long)gen_n_map_topics)
			snprintf(name, sizeof(name), "%s", topic);
		else
			snprintf(name, sizeof(name), "%s (%lld)", topic, m);
		snprintf(goal, sizeof(goal), "Win on: %s", topic);
		fmt_time(created, start, 600, true);
		bind_int(mp, 1, m);
		bind_text(mp, 2, name);
		bind_text(mp, 3, goal);
		bind_int(mp, 4, target);
		bind_text(mp, 5, created);
		bind_text(mp, 6, created);
		step(mp);
		for (p = 0; p < 2 && o->contacts > 1; p++) {
			bind_int(tg, 1, m);
			bind_int(tg, 2, 1 + (target + p) % o->contacts);
			step(tg);
		}
		/* Distinct entities per map: walk the ids with a stride coprime to n. */
		stride_c = coprime_stride(7919, o->contacts);
		stride_o = coprime_stride(104729, o->orgs);
		off_c = rnd_below(o->contacts);
		off_o = rnd_below(o->orgs);
		for (p = 0; p < n_c + n_o; p++) {
			bool is_c = p < n_c;
			long long id = is_c ? 1 + (off_c + p * stride_c) % o->contacts
					    : 1 + (off_o + (p - n_c) * stride_o) % o->orgs;
			int moves = 1 + (int)rnd_below(4), j, infl = 0, al = 0;
			long day = start;

			for (j = 0; j < moves; j++) {
				int ni = 1 + (int)rnd_below(5), na = (int)rnd_below(5) - 2;

				day += rnd_below((o->today - day) / (moves - j) + 1);
				if (j == moves - 1 && chance(0.3))
					day = o->today - rnd_below(30);  /* a recent move */
				fmt_time(at, day, rnd_minute(), false);
				bind_int(mv, 1, m);
				bind_id(mv, 2, is_c ? id : 0);
				bind_id(mv, 3, is_c ? 0 : id);
				bind_text(mv, 4, at);
				if (j) {
					bind_int(mv, 5, infl);
					bind_int(mv, 6, al);
				}
				bind_int(mv, 7, ni);
				bind_int(mv, 8, na);
				bind_text(mv, 9, j ? PICK(gen_move_reasons) : "initial assessment");
				step(mv);
				infl = ni;
				al = na;
			}
			bind_int(pl, 1, m);
			bind_id(pl, 2, is_c ? id : 0);
			bind_id(pl, 3, is_c ? 0 : id);
			bind_int(pl, 4, infl);
			bind_int(pl, 5, al);
			bind_text(pl, 6, chance(0.3) ? PICK(gen_notes) : "");
			bind_text(pl, 7, at);
			step(pl);
		}
	}
	sqlite3_finalize(mp);
	sqlite3_finalize(tg);
	sqlite3_finalize(pl);
	sqlite3_finalize(mv);
}

/* ---- derived data ------------------------------------------------------ */

/*
** Triggers and secondary indexes are set aside while rows go in: each row
** then costs one B-tree insert, the indexes are built once by sorting, and
** the derived tables are filled in one pass from the same views the
** triggers use. Their exact SQL is kept and replayed, so the schema ends
** as the data layer wrote it.
*/
struct saved {
	char **sql;
	int n;
};

static struct saved g_triggers, g_indexes;

static void
schema_set_aside(const char *type, struct saved *sv)
{
	sqlite3_stmt *st = prep("SELECT name, sql FROM sqlite_schema WHERE type = ?1"
				" AND sql IS NOT NULL ORDER BY rowid LIMIT 1");
	char drop[256];

	for (;;) {
		sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW)
			break;
		sv->sql = realloc(sv->sql, sizeof(*sv->sql) * (size_t)(sv->n + 1));
		if (!sv->sql || !(sv->sql[sv->n] = strdup((const char *)sqlite3_column_text(st, 1))))
			die("out of memory");
		snprintf(drop, sizeof(drop), "DROP %s \"%s\"", type,
			 (const char *)sqlite3_column_text(st, 0));
		sv->n++;
		sqlite3_reset(st);      /* the schema changes under the statement */
		exec(drop);
	}
	sqlite3_finalize(st);
}

static void
schema_restore(struct saved *sv)
{
	int i;

	for (i = 0; i < sv->n; i++) {
		exec(sv->sql[i]);
		free(sv->sql[i]);
	}
	free(sv->sql);
	sv->sql = NULL;
	sv->n = 0;
}

/* Fill the derived tables exactly as the triggers would have. */
static void
derived_rebuild(const struct opts *o)
{
	exec("UPDATE contact SET influence_rank = 5 - coalesce(influence, 0);");
	exec("UPDATE list_count SET n = (SELECT count(*) FROM contact WHERE archived = 0)"
	     " WHERE name = 'contacts';"
	     "UPDATE list_count SET n = (SELECT count(*) FROM followup WHERE status = 'open')"
	     " WHERE name = 'followups_open';");
	exec("DELETE FROM contact_stat;"
	     "INSERT INTO contact_stat (contact_id, last_at)"
	     " SELECT contact_id, last_at FROM contact_touch_calc;");
	phase(o, "contact_stat");
	exec("DELETE FROM contact_fts;"
	     "INSERT INTO contact_fts (rowid, name, nicknames, org, role, tags, notes)"
	     " SELECT id, name, nicknames, org, role, tags, notes FROM contact_fts_doc;");
	phase(o, "contact_fts");
	exec("INSERT INTO organisation_fts (organisation_fts) VALUES ('rebuild');"
	     "INSERT INTO event_fts (event_fts) VALUES ('rebuild');"
	     "INSERT INTO followup_fts (followup_fts) VALUES ('rebuild');");
	phase(o, "organisation, event, follow-up fts");
	exec("INSERT INTO interaction_fts (interaction_fts) VALUES ('rebuild');");
	phase(o, "interaction_fts");
}

/* ---- checking ---------------------------------------------------------- */

static int g_failures;

static void
fail(const char *fmt, ...)
{
	va_list ap;

	fputs("kith-gen: check: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	g_failures++;
}

static void
check_zero(const char *what, const char *sql)
{
	long long n = query_int(sql);

	if (n)
		fail("%s: %lld rows differ", what, n);
}

/* Every key column equals fold_text of its text. */
static void
check_keys(const char *what, const char *sql)
{
	sqlite3_stmt *st = prep(sql);
	long long bad = 0;

	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);
		const char *key = (const char *)sqlite3_column_text(st, 1);
		char *want = fold(text ? text : "");

		if (strcmp(want, key ? key : "") != 0 && bad++ < 5)
			fail("%s: key of \"%s\" is \"%s\", fold_text gives \"%s\"", what, text, key, want);
		free(want);
	}
	sqlite3_finalize(st);
	if (bad > 5)
		fail("%s: %lld keys wrong in all", what, bad);
}

static void
check_ok(const char *what, const char *sql)
{
	sqlite3_stmt *st = prep(sql);
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);

		if (!v || strcmp(v, "ok") != 0) {
			fail("%s: %s", what, v ? v : "NULL");
			break;
		}
	}
	sqlite3_finalize(st);
}

static void
check_fts(const char *table)
{
	char sql[256];
	char *msg = NULL;

	snprintf(sql, sizeof(sql), "INSERT INTO %s (%s) VALUES ('integrity-check')", table, table);
	if (sqlite3_exec(g_db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail("%s integrity-check: %s", table, msg ? msg : "error");
	sqlite3_free(msg);
}

static int
check_db(void)
{
	check_ok("integrity_check", "PRAGMA integrity_check");
	check_zero("foreign_key_check", "SELECT count(*) FROM pragma_foreign_key_check");
	check_zero("contact_stat vs contact_touch_calc",
		   "SELECT count(*) FROM (SELECT contact_id, last_at FROM contact_touch_calc"
		   " EXCEPT SELECT contact_id, last_at FROM contact_stat)");
	check_zero("contact_stat rows",
		   "SELECT (SELECT count(*) FROM contact_stat) - (SELECT count(*) FROM contact)");
	check_zero("contact_fts vs contact_fts_doc",
		   "SELECT count(*) FROM (SELECT id, name, nicknames, org, role, tags, notes"
		   " FROM contact_fts_doc EXCEPT SELECT rowid, name, nicknames, org, role, tags,"
		   " notes FROM contact_fts)");
	check_zero("contact_fts rows",
		   "SELECT (SELECT count(*) FROM contact_fts) - (SELECT count(*) FROM contact)");
	check_zero("interaction_contact.at vs interaction.at",
		   "SELECT count(*) FROM interaction_contact ic JOIN interaction i"
		   " ON i.id = ic.interaction_id WHERE ic.at != i.at");
	check_fts("contact_fts");
	check_fts("organisation_fts");
	check_fts("interaction_fts");
	check_fts("followup_fts");
	check_fts("event_fts");
	/* a contact's key leaves out its honorific */
	check_keys("contact.name_key",
		   "SELECT substr(display_name, length(prefix) + 1), name_key FROM contact");
	check_keys("organisation.name_key", "SELECT name, name_key FROM organisation");
	check_keys("contact_nickname.nick_key", "SELECT nickname, nick_key FROM contact_nickname");
	return g_failures;
}

/* ---- main ----------------------------------------------------------------- */

static void
usage(void)
{
	fputs("usage: kith-gen OUT.db [--contacts N] [--orgs N] [--roles N] [--interactions N]\n"
	      "         [--followups N] [--events N] [--attendance N] [--relationships N]\n"
	      "         [--maps N] [--placements N] [--office-phones PCT] [--seed N]\n"
	      "         [--today YYYY-MM-DD] [--check] [--verbose]\n"
	      "       kith-gen --check DB\n"
	      "Counts other than --contacts default to sizes proportional to it.\n", stderr);
	exit(2);
}

static long long
num_arg(const char *flag, const char *v)
{
	char *end;
	long long n;

	errno = 0;
	n = v ? strtoll(v, &end, 10) : 0;
	if (!v || errno || *end || n < 0)
		die("%s: expects a number, got \"%s\"", flag, v ? v : "");
	return n;
}

static long long
clampll(long long v, long long lo, long long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	struct { const char *flag; long long *v; } nums[] = {
		{"--contacts", &o->contacts}, {"--orgs", &o->orgs}, {"--roles", &o->roles},
		{"--interactions", &o->interactions}, {"--followups", &o->followups},
		{"--events", &o->events}, {"--attendance", &o->attendance},
		{"--relationships", &o->relationships}, {"--maps", &o->maps},
		{"--placements", &o->placements}, {"--office-phones", &o->office_phones},
	};
	const char *today = getenv("KITH_TODAY");
	size_t k;
	int i;

	memset(o, 0, sizeof(*o));
	o->contacts = o->orgs = o->roles = o->interactions = o->followups = o->events =
		o->attendance = o->relationships = o->maps = o->placements = -1;
	o->office_phones = 0;
	o->seed = 1;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		for (k = 0; k < NELEM(nums); k++)
			if (strcmp(a, nums[k].flag) == 0)
				break;
		if (k < NELEM(nums)) {
			*nums[k].v = num_arg(a, i + 1 < argc ? argv[++i] : NULL);
		} else if (strcmp(a, "--seed") == 0) {
			o->seed = (uint64_t)num_arg(a, i + 1 < argc ? argv[++i] : NULL);
		} else if (strcmp(a, "--today") == 0) {
			today = i + 1 < argc ? argv[++i] : "";
			if (!today[0])
				die("--today: expects YYYY-MM-DD");
		} else if (strcmp(a, "--verbose") == 0) {
			o->verbose = true;
		} else if (strcmp(a, "--check") == 0) {
			o->check = true;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage();
		} else if (a[0] == '-' || o->path) {
			fprintf(stderr, "kith-gen: %s: unknown argument\n", a);
			usage();
		} else {
			o->path = a;
		}
	}
	if (!o->path)
		usage();
	if (today && today[0]) {
		if (!parse_date(today, &o->today))
			die("%s: not a date (YYYY-MM-DD)", today);
	} else {
		time_t now = time(NULL);
		struct tm tm;

		localtime_r(&now, &tm);
		o->today = days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	}
	/* Defaults in proportion to the contacts (the city-scale shape). */
	if (o->contacts < 0)
		o->contacts = 1000;
	if (o->orgs < 0)
		o->orgs = clampll(o->contacts / 10, o->contacts ? 1 : 0, o->contacts);
	if (o->roles < 0)
		o->roles = o->contacts / 5;
	if (o->interactions < 0)
		o->interactions = o->contacts * 10;
	if (o->followups < 0)
		o->followups = o->contacts * 2;
	if (o->events < 0)
		o->events = o->contacts / 5;
	if (o->attendance < 0)
		o->attendance = o->contacts * 4;
	if (o->relationships < 0)
		o->relationships = o->contacts * 3;
	if (o->maps < 0)
		o->maps = o->contacts ? clampll(o->contacts / 10000, 1, 10) : 0;
	if (o->placements < 0)
		o->placements = clampll(o->contacts / 20, 10, 500);
	if (!o->contacts)
		o->roles = o->interactions = o->followups = o->attendance = o->relationships =
			o->maps = 0;
	if (!o->orgs)
		o->roles = 0;
	/* Attendance pairs are unique: cap at what the events can hold. */
	o->attendance = clampll(o->attendance, 0, o->events * o->contacts / 2);
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void
open_sqlite(const char *path)
{
	if (sqlite3_open_v2(path, &g_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		die("%s: %s", path, g_db ? sqlite3_errmsg(g_db) : "cannot open");
}

int
main(int argc, char **argv)
{
	struct opts o;
	struct kdb *kdb = NULL;
	struct kith_err err = {0};
	struct timespec t0;
	struct stat sb;

	parse_args(argc, argv, &o);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	phase(&o, "start");
	if (o.check && stat(o.path, &sb) == 0) {
		/* Check an existing database only. */
		open_sqlite(o.path);
		if (check_db()) {
			fprintf(stderr, "kith-gen: %s: %d checks failed\n", o.path, g_failures);
			return 1;
		}
		printf("kith-gen: %s: checks passed (%.1f s)\n", o.path, seconds_since(&t0));
		sqlite3_close(g_db);
		return 0;
	}
	if (stat(o.path, &sb) == 0)
		die("%s: already exists; give a new path", o.path);

	if (kdb_open(o.path, KDB_CREATE, &kdb, &err) != KITH_OK)
		die("%s", err.msg);
	kdb_close(kdb);

	open_sqlite(o.path);
	g_rng = o.seed * 0x2545F4914F6CDD1DULL + 1;
	exec("PRAGMA foreign_keys = OFF; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
	     "PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -512000;"
	     "PRAGMA temp_store = MEMORY;"
	     /* SQLite 3.40 builds a temporary table per row for each CHECK (x IN
	      * (...)); the values are valid by construction and --check's
	      * integrity_check verifies every CHECK constraint afterwards. */
	     "PRAGMA ignore_check_constraints = ON;");
	exec("BEGIN");
	schema_set_aside("trigger", &g_triggers);
	schema_set_aside("index", &g_indexes);
	phase(&o, "schema");
	gen_orgs(&o);
	phase(&o, "organisations");
	gen_events(&o);
	phase(&o, "events");
	gen_contacts(&o);
	phase(&o, "contacts");
	gen_roles(&o);
	gen_relationships(&o);
	phase(&o, "roles, relationships");
	gen_attendance(&o);
	phase(&o, "attendance");
	gen_interactions(&o);
	phase(&o, "interactions");
	gen_followups(&o);
	gen_concerns(&o);
	gen_maps(&o);
	phase(&o, "follow-ups, maps");
	if (o.contacts)
		exec("INSERT INTO meta (key, value) VALUES ('me', '1')");
	schema_restore(&g_indexes);
	phase(&o, "indexes");
	derived_rebuild(&o);
	schema_restore(&g_triggers);
	exec("COMMIT");
	phase(&o, "commit");
	exec("PRAGMA ignore_check_constraints = OFF; ANALYZE");
	phase(&o, "analyze");
	exec("PRAGMA locking_mode = NORMAL; PRAGMA journal_mode = WAL;");

	printf("kith-gen: %lld contacts, %lld organisations, %lld roles, %lld relationships,"
	       " %lld events, %lld attendance, %lld interactions, %lld follow-ups,"
	       " %lld maps, %lld placements in %.1f s\n",
	       query_int("SELECT count(*) FROM contact"), query_int("SELECT count(*) FROM organisation"),
	       query_int("SELECT count(*) FROM role"), query_int("SELECT count(*) FROM relationship"),
	       query_int("SELECT count(*) FROM event"), query_int("SELECT count(*) FROM attendance"),
	       query_int("SELECT count(*) FROM interaction"), query_int("SELECT count(*) FROM followup"),
	       query_int("SELECT count(*) FROM power_map"), query_int("SELECT count(*) FROM placement"),
	       seconds_since(&t0));
	if (o.check) {
		if (check_db()) {
			fprintf(stderr, "kith-gen: %s: %d checks failed\n", o.path, g_failures);
			sqlite3_close(g_db);
			return 1;
		}
		printf("kith-gen: checks passed\n");
	}
	if (sqlite3_close(g_db) != SQLITE_OK)
		die("%s: close: %s", o.path, sqlite3_errmsg(g_db));
	return 0;
}
