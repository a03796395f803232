/* The sync password, from password-command (the first line it prints; run with an argv, no
 * shell) or password-file (refused when other users may read it). Never from the config. */
#ifndef TIDINGS_SYNC_CREDENTIALS_H
#define TIDINGS_SYNC_CREDENTIALS_H

/* Seconds a password command may take (it may ask for a passphrase on the terminal). */
#define PASSWORD_COMMAND_TIMEOUT 120

/* Returns 0 with *password (malloc'd), or -1 with *err. */
int sync_password(const char *command, const char *file, char **password, char **err);

#endif
