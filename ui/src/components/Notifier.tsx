import { Alert, Box, Button, Snackbar } from "@mui/material";
import { useNotify } from "../store/notify";

/** Errors stay until dismissed (they carry details to read); other notices fade. */
export function Notifier() {
  const { notice, dismiss } = useNotify();
  return (
    <Snackbar
      key={notice?.key}
      open={notice !== null}
      autoHideDuration={notice?.severity === "error" ? null : notice?.action ? 15000 : 4000}
      onClose={(_, reason) => reason !== "clickaway" && dismiss()}
      anchorOrigin={{ vertical: "bottom", horizontal: "center" }}
    >
      {notice ? (
        <Alert
          data-testid="notice"
          severity={notice.severity}
          variant="filled"
          onClose={dismiss}
          sx={{ maxWidth: 640 }}
          action={notice.action && (
            <Button color="inherit" onClick={() => { notice.action!.run(); dismiss(); }}>{notice.action.label}</Button>
          )}
        >
          {notice.message}
          {notice.details?.length ? (
            <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
              {notice.details.map((line) => <li key={line}>{line}</li>)}
            </Box>
          ) : null}
        </Alert>
      ) : undefined}
    </Snackbar>
  );
}
