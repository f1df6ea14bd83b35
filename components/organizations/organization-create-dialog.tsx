"use client";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { errorMessage, fieldError } from "@/lib/query/api-client";
import { useCreateOrganization, type Organization } from "@/lib/query/organizations";

const FORM_ID = "organization-create-form";

export function OrganizationCreateDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  /** Runs after the lists were refreshed. */
  onCreated?: (org: Organization) => void;
}) {
  const create = useCreateOrganization();
  const toast = useToast();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");

  const close = () => {
    create.reset();
    setName("");
    setEmail("");
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name: name.trim(), email: email.trim() },
      {
        onSuccess: (org) => {
          toast({ title: `Organization ${org.name} created`, description: "You were added to its owners team." });
          close();
          onCreated?.(org);
        },
      },
    );
  };

  const nameError = fieldError(create.error, "name");
  const emailError = fieldError(create.error, "email");
  const otherError = create.error && !nameError && !emailError ? errorMessage(create.error) : null;

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Create organization"
      description="An organization groups teams. It starts with an owners team that holds you."
      isBusy={create.isPending}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" form={FORM_ID} isPending={create.isPending}>
            Create organization
          </Button>
        </>
      }
    >
      <form id={FORM_ID} onSubmit={submit} noValidate className="space-y-4">
        {otherError ? <Alert tone="danger">{otherError}</Alert> : null}
        <Field label="Name" hint="1–40 letters, numbers, hyphens or underscores. Used in URLs and cannot be changed." error={nameError}>
          {(p) => (
            <Input
              {...p}
              name="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              required
              maxLength={40}
            />
          )}
        </Field>
        <Field label="Email" hint="Where notifications about this organization are sent." error={emailError}>
          {(p) => <Input {...p} name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" required />}
        </Field>
      </form>
    </Dialog>
  );
}
