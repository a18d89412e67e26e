/** The yes/no question raised by `confirm()` (store/dialogs). */
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from "@mui/material";
import { useDialogs } from "../../store/dialogs";

export function ConfirmDialog() {
  const confirmation = useDialogs((s) => s.confirmation);
  return (
    <Dialog open={confirmation !== null} onClose={() => confirmation?.answer(false)} data-testid="confirm-dialog">
      <DialogTitle>{confirmation?.title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{confirmation?.message}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => confirmation?.answer(false)} data-testid="confirm-cancel">Cancel</Button>
        <Button variant="contained" onClick={() => confirmation?.answer(true)} data-testid="confirm-ok">
          {confirmation?.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
