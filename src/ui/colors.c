/* Colour roles (colors.def) and the config's [colors] section:
 *
 *   [colors]
 *   selected = white blue bold
 *   unread = color208 default bold
 *
 * A value is FOREGROUND BACKGROUND and any attributes (bold, underline, reverse, dim,
 * italic, standout). Colours are default, the eight names, bright-NAME (the upper eight of
 * 16-colour terminals) or colorN with N up to 255; on terminals with fewer colours a colour
 * they lack falls back to the default. NO_COLOR (https://no-color.org) turns colour off and
 * keeps the attributes of the table's last column, so the screen still reads. */
#include "config/config.h"
#include "core/util.h"
#include "ui/internal.h"

#include <stdlib.h>
#include <string.h>

struct color_spec {
	short fg, bg; /* -1 for the terminal's default */
	attr_t attrs;
};

static const struct {
	const char *name;
	const char *def;
	attr_t mono;
} role_table[COLOR_ROLE_COUNT] = {
#define COLOR(id, name, def, mono) {name, def, mono},
#include "ui/colors.def"
#undef COLOR
};

static struct color_spec specs[COLOR_ROLE_COUNT];
static int spec_set[COLOR_ROLE_COUNT];
static char *spec_text[COLOR_ROLE_COUNT]; /* as the config wrote it, for tidings config */
static attr_t role_attrs[COLOR_ROLE_COUNT];
static int colors_on; /* colors_start found colours and NO_COLOR unset */

static const char *const color_names[] = {"black", "red",     "green", "yellow",
                                          "blue",  "magenta", "cyan",  "white"};

static int parse_color(const char *s, short *out)
{
	if (str_casecmp_ascii(s, "default") == 0) {
		*out = -1;
		return 0;
	}
	for (int i = 0; i < 8; i++) {
		if (str_casecmp_ascii(s, color_names[i]) == 0) {
			*out = (short)i;
			return 0;
		}
		if (str_ncasecmp_ascii(s, "bright-", 7) == 0 &&
		    str_casecmp_ascii(s + 7, color_names[i]) == 0) {
			*out = (short)(i + 8);
			return 0;
		}
	}
	if (str_ncasecmp_ascii(s, "color", 5) == 0 && s[5]) {
		char *end;
		long n = strtol(s + 5, &end, 10);
		if (*end == '\0' && n >= 0 && n <= 255) {
			*out = (short)n;
			return 0;
		}
	}
	return -1;
}

static int parse_attr(const char *s, attr_t *out)
{
	static const struct {
		const char *name;
		attr_t attr;
	} attrs[] = {
	    {"bold", A_BOLD},     {"underline", A_UNDERLINE}, {"reverse", A_REVERSE},
	    {"dim", A_DIM},       {"italic", A_ITALIC},       {"standout", A_STANDOUT},
	    {"normal", A_NORMAL},
	};
	for (size_t i = 0; i < ARRAY_LEN(attrs); i++)
		if (str_casecmp_ascii(s, attrs[i].name) == 0) {
			*out |= attrs[i].attr;
			return 0;
		}
	return -1;
}

/* Parses "FG BG [ATTR...]"; on error returns -1 with *err set. */
static int parse_spec(const char *value, struct color_spec *spec, char **err)
{
	char *copy = xstrdup(value), *save = NULL;
	int n = 0, rc = 0;

	spec->fg = spec->bg = -1;
	spec->attrs = 0;
	for (char *tok = strtok_r(copy, " \t", &save); tok && rc == 0;
	     tok = strtok_r(NULL, " \t", &save), n++) {
		if (n < 2) {
			if (parse_color(tok, n == 0 ? &spec->fg : &spec->bg) != 0) {
				*err = xasprintf(
				    "unknown colour '%s' (use default, black, red, green, "
				    "yellow, blue, magenta, cyan, white, bright-NAME or "
				    "colorN up to 255)",
				    tok);
				rc = -1;
			}
		} else if (parse_attr(tok, &spec->attrs) != 0) {
			*err =
			    xasprintf("unknown attribute '%s' (use bold, underline, reverse, dim, "
			              "italic, standout)",
			              tok);
			rc = -1;
		}
	}
	if (rc == 0 && n < 2) {
		*err = xasprintf("'%s' needs a foreground and a background colour", value);
		rc = -1;
	}
	free(copy);
	return rc;
}

static int apply_color_setting(const char *key, const char *value, char **err)
{
	for (int i = 0; i < COLOR_ROLE_COUNT; i++)
		if (str_casecmp_ascii(role_table[i].name, key) == 0) {
			struct color_spec spec;
			if (parse_spec(value, &spec, err) != 0)
				return -1;
			specs[i] = spec;
			spec_set[i] = 1;
			free(spec_text[i]);
			spec_text[i] = xstrdup(value);
			return 0;
		}
	*err = xasprintf("unknown colour role '%s' in [colors]", key);
	return -1;
}

static void print_color_settings(FILE *f)
{
	fputs("# FOREGROUND BACKGROUND [ATTRIBUTE...]: default, black, red, green, yellow, blue,\n"
	      "# magenta, cyan, white, bright-NAME or colorN; bold, underline, reverse, dim,\n"
	      "# italic, standout\n",
	      f);
	for (int i = 0; i < COLOR_ROLE_COUNT; i++)
		fprintf(f, "%s = %s\n", role_table[i].name,
		        spec_set[i] ? spec_text[i] : role_table[i].def);
	fputc('\n', f);
}

static void reset_color_settings(void)
{
	for (int i = 0; i < COLOR_ROLE_COUNT; i++) {
		spec_set[i] = 0;
		free(spec_text[i]);
		spec_text[i] = NULL;
	}
}

static const struct config_section colors_section = {"colors", apply_color_setting,
                                                     print_color_settings, reset_color_settings};

void ui_register_config(void)
{
	keys_register_config();
	config_register_section(&colors_section);
}

static short usable(short c)
{
	return c < COLORS ? c : -1;
}

void colors_start(void)
{
	const char *no_color = getenv("NO_COLOR");
	int use_color = has_colors() && !(no_color && no_color[0]);

	if (use_color && start_color() == OK) {
		use_default_colors();
	} else {
		use_color = 0;
	}
	colors_on = use_color;
	for (int i = 0; i < COLOR_ROLE_COUNT; i++) {
		struct color_spec spec;
		char *err = NULL;

		if (!use_color) {
			role_attrs[i] = role_table[i].mono;
			continue;
		}
		if (spec_set[i])
			spec = specs[i];
		else if (parse_spec(role_table[i].def, &spec, &err) != 0) {
			free(err);
			spec.fg = spec.bg = -1;
			spec.attrs = 0;
		}
		if (i + 1 < COLOR_PAIRS)
			init_pair((short)(i + 1), usable(spec.fg), usable(spec.bg));
		role_attrs[i] = spec.attrs | (i + 1 < COLOR_PAIRS ? COLOR_PAIR(i + 1) : 0);
		/* The selection must show even where the pair's colours are the same. */
		if ((i == COLOR_SELECTED || i == COLOR_TITLE_BAR) && spec.fg == spec.bg)
			role_attrs[i] |= A_REVERSE;
	}
}

attr_t color_attr(enum color_role role)
{
	return role_attrs[role];
}

int colors_check(const char *spec, char **err)
{
	struct color_spec parsed;
	return parse_spec(spec, &parsed, err);
}

attr_t colors_extra(int n, const char *spec)
{
	struct color_spec parsed;
	char *err = NULL;
	int pair = COLOR_ROLE_COUNT + 1 + n;

	if (parse_spec(spec, &parsed, &err) != 0) {
		free(err);
		return 0;
	}
	if (!colors_on || pair >= COLOR_PAIRS)
		return parsed.attrs ? parsed.attrs : A_BOLD;
	init_pair((short)pair, usable(parsed.fg), usable(parsed.bg));
	return parsed.attrs | COLOR_PAIR(pair);
}

int ui_color_check(const char *spec, char **err)
{
	return colors_check(spec, err);
}

int ui_color_role_known(const char *role)
{
	for (int i = 0; i < COLOR_ROLE_COUNT; i++)
		if (strcmp(role_table[i].name, role) == 0)
			return 1;
	return 0;
}
