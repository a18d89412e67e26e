/** An output image at full size, opened from its thumbnail on a node or in the run panel. */
import Close from "@mui/icons-material/Close";
import { Dialog, DialogContent, DialogTitle, IconButton } from "@mui/material";
import { useDialogs } from "../../store/dialogs";

export function ImageDialog() {
  const image = useDialogs((s) => s.image);
  const showImage = useDialogs((s) => s.showImage);
  return (
    <Dialog open={image !== null} onClose={() => showImage(null)} maxWidth="lg" data-testid="image-dialog">
      <DialogTitle sx={{ pr: 6 }}>
        {image?.title}
        <IconButton aria-label="Close" onClick={() => showImage(null)} sx={{ position: "absolute", right: 8, top: 8 }}>
          <Close />
        </IconButton>
      </DialogTitle>
      <DialogContent dividers>
        {image && <img src={image.src} alt={image.title} style={{ maxWidth: "100%", display: "block" }} />}
      </DialogContent>
    </Dialog>
  );
}
