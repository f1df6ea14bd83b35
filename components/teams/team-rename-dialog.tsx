"use client";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { errorMessage, fieldError } from "@/lib/query/api-client";
import { useRenameTeam, type Team } from "@/lib/query/teams";

const FORM_ID = "team-rename-form";

export function TeamRenameDialog({ team, open, onClose }: { team: Team; open: boolean; onClose: () => void }) {
  const rename = useRenameTeam(team);
  const toast = useToast();
  const [name, setName] = useState(team.name);

  const close = () => {
    rename.reset();
    setName(team.name);
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    rename.mutate(
      { name: name.trim() },
      {
        onSuccess: (updated) => {
          toast({ title: `Team renamed to ${updated.name}` });
          rename.reset();
          setName(updated.name);
          onClose();
        },
      },
    );
  };

  const nameError = fieldError(rename.error, "name");
  const otherError = rename.error && !nameError ? errorMessage(rename.error) : null;

  return (
    <Dialog
      open={open}
      onClose={close}
      title={`Rename ${team.name}`}
      description="Members and access stay the same; only the name changes."
      isBusy={rename.isPending}
      size="sm"
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={rename.isPending}>
            Cancel
          </Button>
          <Button type="submit" form={FORM_ID} isPending={rename.isPending}>
            Rename team
          </Button>
        </>
      }
    >
      <form id={FORM_ID} onSubmit={submit} noValidate className="space-y-4">
        {otherError ? <Alert tone="danger">{otherError}</Alert> : null}
        <Field label="Team name" error={nameError}>
          {(p) => <Input {...p} name="name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" required maxLength={64} />}
        </Field>
      </form>
    </Dialog>
  );
}
