"use client";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { errorMessage, fieldError } from "@/lib/query/api-client";
import { useCreateTeam, type Team } from "@/lib/query/teams";

const FORM_ID = "team-create-form";

export function TeamCreateDialog({
  organization,
  open,
  onClose,
  onCreated,
}: {
  organization: string;
  open: boolean;
  onClose: () => void;
  /** Runs after the lists were refreshed. */
  onCreated?: (team: Team) => void;
}) {
  const create = useCreateTeam(organization);
  const toast = useToast();
  const [name, setName] = useState("");

  const close = () => {
    create.reset();
    setName("");
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name: name.trim() },
      {
        onSuccess: (team) => {
          toast({ title: `Team ${team.name} created`, description: "Open it to add members." });
          close();
          onCreated?.(team);
        },
      },
    );
  };

  const nameError = fieldError(create.error, "name");
  const otherError = create.error && !nameError ? errorMessage(create.error) : null;

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Create team"
      description={`The team starts empty. Add members by hand, or link it to a SCIM group later.`}
      isBusy={create.isPending}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" form={FORM_ID} isPending={create.isPending}>
            Create team
          </Button>
        </>
      }
    >
      <form id={FORM_ID} onSubmit={submit} noValidate className="space-y-4">
        {otherError ? <Alert tone="danger">{otherError}</Alert> : null}
        <Field label="Team name" hint={`Unique within ${organization}. Letters, numbers, spaces, dots, hyphens and underscores.`} error={nameError}>
          {(p) => <Input {...p} name="name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" required maxLength={64} />}
        </Field>
      </form>
    </Dialog>
  );
}
