/* The stack of states over the panes (help, menus, pickers, prompts, questions). Each state
 * is a table of callbacks; the event loop in ui.c feeds the top one its keys and draws them
 * all, so that signals, the terminal going away and background work reach the reader
 * whatever is open. */
#include "ui/internal.h"

#include <stdlib.h>

void ui_mode_open(struct ui *ui, const struct ui_mode *mode, void *data)
{
	/* The stack is shallow by construction (a prompt over a menu at most); a state that
	 * cannot open is closed at once, so that its data is never leaked. */
	if (ui->mode_count == UI_MAX_MODES) {
		mode->free(ui, data, 0);
		ui_status(ui, 1, "too many windows open: close one first");
		return;
	}
	ui->modes[ui->mode_count++] = (struct ui_mode_entry){mode, data};
}

void ui_mode_close(struct ui *ui, int submitted)
{
	struct ui_mode_entry top;

	if (ui->mode_count == 0)
		return;
	/* Off the stack before its free runs, so that free may open another state. */
	top = ui->modes[--ui->mode_count];
	top.mode->free(ui, top.data, submitted);
}

const struct ui_mode *ui_mode_top(const struct ui *ui)
{
	return ui->mode_count ? ui->modes[ui->mode_count - 1].mode : NULL;
}

void ui_modes_draw(struct ui *ui)
{
	for (int i = 0; i < ui->mode_count; i++)
		ui->modes[i].mode->draw(ui, ui->modes[i].data);
}

int ui_modes_key(struct ui *ui, int kind, wint_t ch)
{
	struct ui_mode_entry *top;

	if (ui->mode_count == 0)
		return 0;
	top = &ui->modes[ui->mode_count - 1];
	top->mode->key(ui, top->data, kind, ch);
	return 1;
}

void ui_modes_close_all(struct ui *ui)
{
	while (ui->mode_count > 0)
		ui_mode_close(ui, 0);
}
