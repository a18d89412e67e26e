/** Properties of one node: its label and a form generated from its params_schema,
 * validated as the user types. */
import { Alert, Box, Stack, TextField, Typography } from "@mui/material";
import Form from "@rjsf/mui";
import type { IChangeEvent } from "@rjsf/core";
import validator from "@rjsf/validator-ajv8";
import { useMemo } from "react";
import { useSpecsByType } from "../../api/hooks";
import { formSchemas } from "../../lib/paramsForm";
import type { OctopusNode } from "../../lib/pipeline";
import { useGraph } from "../../store/graph";
import { issuesOf, useIssues } from "../../store/issues";
import { CATEGORY_COLORS } from "../../theme";
import { NodeIcon } from "../NodeIcon";
import { NumberListField } from "./NumberListField";

const fields = { numberList: NumberListField };

/** rjsf would write schema defaults (and a blank item per `minItems`) into the params; the
 * pipeline should hold only what the user set, the node's model supplies its own defaults. */
const LEAVE_DEFAULTS_TO_THE_SERVER = {
  emptyObjectFields: "skipDefaults",
  arrayMinItems: { populate: "never" },
} as const;

export function NodeProperties({ node }: { node: OctopusNode }) {
  const spec = useSpecsByType().get(node.data.type);
  const issues = issuesOf(useIssues((s) => s.issues), node.id);
  const updateNodeData = useGraph((s) => s.updateNodeData);
  const { schema, uiSchema } = useMemo(
    () => formSchemas(spec?.params_schema ?? { type: "object" }, node.data.params),
    [spec, node.data.params],
  );

  const onParams = ({ formData }: IChangeEvent) => {
    const params = dropUndefined(formData ?? {});
    // rjsf also reports on mount; only real edits go into the graph and its history.
    if (JSON.stringify(params) !== JSON.stringify(node.data.params)) updateNodeData(node.id, { params });
  };

  return (
    <Stack spacing={1.5} data-testid="node-properties">
      <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
        <NodeIcon name={spec?.icon ?? "circle"} sx={{ color: spec ? CATEGORY_COLORS[spec.category] : undefined }} />
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="subtitle1" sx={{ lineHeight: 1.2 }}>{spec?.title ?? node.data.type}</Typography>
          <Typography variant="caption" sx={{ fontFamily: "monospace", color: "text.secondary" }}>
            {node.id} · {node.data.type}
          </Typography>
        </Box>
      </Stack>
      {spec?.description && <Typography variant="body2" color="text.secondary">{spec.description}</Typography>}
      {issues.length > 0 && (
        <Alert severity="error" data-testid="node-properties-issues">
          {issues.map((i) => <div key={`${i.field}:${i.message}`}>{i.field && <b>{i.field}: </b>}{i.message}</div>)}
        </Alert>
      )}
      <TextField
        label="Label" value={node.data.label ?? ""} placeholder={spec?.title}
        onChange={(e) => updateNodeData(node.id, { label: e.target.value || undefined })}
      />
      {spec && Object.keys(spec.params_schema.properties ?? {}).length > 0 ? (
        <Form
          // A new node gets a new form, so rjsf's own state never leaks between nodes.
          key={node.id}
          schema={schema}
          uiSchema={uiSchema}
          formData={node.data.params}
          validator={validator}
          fields={fields}
          onChange={onParams}
          liveValidate="onChange"
          experimental_defaultFormStateBehavior={LEAVE_DEFAULTS_TO_THE_SERVER}
          showErrorList={false}
          noHtml5Validate
          idPrefix={`params-${node.id}`}
        />
      ) : (
        <Typography variant="body2" color="text.secondary">This node has no parameters.</Typography>
      )}
    </Stack>
  );
}

/** rjsf reports cleared fields as undefined; the pipeline leaves them out. */
function dropUndefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
