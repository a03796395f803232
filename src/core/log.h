/* Messages to the user on stderr. The whole formatted message is sanitised, because its
 * arguments are often feed titles, URLs or server error strings. */
#ifndef TIDINGS_CORE_LOG_H
#define TIDINGS_CORE_LOG_H

void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* While the UI owns the screen, messages go to this hook instead of stderr; messages of
 * other threads than the one that set it are dropped then (tasks on threads return theirs). */
void log_set_sink(void (*sink)(int is_error, const char *msg));

#endif
