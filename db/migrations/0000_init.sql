CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"email" text NOT NULL,
	"password_hash" text,
	"suspended_at" timestamp with time zone,
	"suspended_by" text,
	"site_admin_manual" boolean DEFAULT false NOT NULL,
	"site_admin_scim" boolean DEFAULT false NOT NULL,
	"session_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_suspension_consistent" CHECK (("users"."suspended_at" is null) = ("users"."suspended_by" is null))
);
--> statement-breakpoint
CREATE TABLE "organization_memberships" (
	"organization_name" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_memberships_organization_name_user_id_pk" PRIMARY KEY("organization_name","user_id")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"name" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_memberships" (
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_memberships_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_name" text NOT NULL,
	"name" text NOT NULL,
	"is_owners" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scim_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"description" text,
	"secret_digest" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expired_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_by" text
);
--> statement-breakpoint
CREATE TABLE "user_api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"description" text,
	"secret_digest" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expired_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "scim_group_members" (
	"group_id" uuid NOT NULL,
	"identity_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scim_group_members_group_id_identity_id_pk" PRIMARY KEY("group_id","identity_id")
);
--> statement-breakpoint
CREATE TABLE "scim_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"display_name" text NOT NULL,
	"external_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scim_identities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"user_name" text NOT NULL,
	"external_id" text,
	"given_name" text,
	"family_name" text,
	"middle_name" text,
	"formatted_name" text,
	"display_name" text,
	"email_type" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_scim_links" (
	"team_id" text PRIMARY KEY NOT NULL,
	"scim_group_id" uuid NOT NULL,
	"sync_paused" boolean DEFAULT false NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saml_assertion_replays" (
	"assertion_id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saml_settings" (
	"id" text PRIMARY KEY DEFAULT 'saml' NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"provider_type" text,
	"idp_entity_id" text,
	"sso_url" text,
	"certificate" text,
	"idp_initiated_enabled" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saml_settings_singleton" CHECK ("saml_settings"."id" = 'saml')
);
--> statement-breakpoint
CREATE TABLE "scim_settings" (
	"id" text PRIMARY KEY DEFAULT 'scim' NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"site_admin_group_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scim_settings_singleton" CHECK ("scim_settings"."id" = 'scim'),
	CONSTRAINT "scim_settings_paused_needs_enabled" CHECK ("scim_settings"."enabled" or not "scim_settings"."paused")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"actor_type" text,
	"actor_id" text,
	"target_type" text,
	"target_id" text,
	"outcome" text DEFAULT 'success' NOT NULL,
	"request_id" text,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scim_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"resource_type" text,
	"resource_id" text,
	"status" integer NOT NULL,
	"scim_type" text,
	"duration_ms" integer NOT NULL,
	"token_id" text,
	"request_id" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organization_memberships" ADD CONSTRAINT "organization_memberships_organization_name_organizations_name_fk" FOREIGN KEY ("organization_name") REFERENCES "public"."organizations"("name") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "organization_memberships" ADD CONSTRAINT "organization_memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_memberships" ADD CONSTRAINT "team_memberships_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_memberships" ADD CONSTRAINT "team_memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_organization_name_organizations_name_fk" FOREIGN KEY ("organization_name") REFERENCES "public"."organizations"("name") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "scim_tokens" ADD CONSTRAINT "scim_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_api_tokens" ADD CONSTRAINT "user_api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_group_members" ADD CONSTRAINT "scim_group_members_group_id_scim_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."scim_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_group_members" ADD CONSTRAINT "scim_group_members_identity_id_scim_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."scim_identities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_identities" ADD CONSTRAINT "scim_identities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_scim_links" ADD CONSTRAINT "team_scim_links_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_scim_links" ADD CONSTRAINT "team_scim_links_scim_group_id_scim_groups_id_fk" FOREIGN KEY ("scim_group_id") REFERENCES "public"."scim_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_settings" ADD CONSTRAINT "scim_settings_site_admin_group_id_scim_groups_id_fk" FOREIGN KEY ("site_admin_group_id") REFERENCES "public"."scim_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_lower_key" ON "users" USING btree (lower("username"));--> statement-breakpoint
CREATE INDEX "users_created_at_id_idx" ON "users" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "organization_memberships_user_idx" ON "organization_memberships" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_name_lower_key" ON "organizations" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "organizations_created_at_idx" ON "organizations" USING btree ("created_at","name");--> statement-breakpoint
CREATE INDEX "team_memberships_user_idx" ON "team_memberships" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_org_name_lower_key" ON "teams" USING btree ("organization_name",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "teams_one_owners_per_org" ON "teams" USING btree ("organization_name") WHERE "teams"."is_owners";--> statement-breakpoint
CREATE INDEX "teams_org_created_idx" ON "teams" USING btree ("organization_name","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "scim_tokens_digest_key" ON "scim_tokens" USING btree ("secret_digest");--> statement-breakpoint
CREATE INDEX "scim_tokens_active_idx" ON "scim_tokens" USING btree ("created_at","id") WHERE "scim_tokens"."revoked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "user_api_tokens_digest_key" ON "user_api_tokens" USING btree ("secret_digest");--> statement-breakpoint
CREATE INDEX "user_api_tokens_user_idx" ON "user_api_tokens" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "scim_group_members_identity_idx" ON "scim_group_members" USING btree ("identity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scim_groups_display_name_lower_key" ON "scim_groups" USING btree (lower("display_name"));--> statement-breakpoint
CREATE UNIQUE INDEX "scim_groups_external_id_key" ON "scim_groups" USING btree ("external_id") WHERE "scim_groups"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "scim_groups_created_id_idx" ON "scim_groups" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "scim_identities_user_key" ON "scim_identities" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scim_identities_user_name_lower_key" ON "scim_identities" USING btree (lower("user_name"));--> statement-breakpoint
CREATE UNIQUE INDEX "scim_identities_external_id_key" ON "scim_identities" USING btree ("external_id") WHERE "scim_identities"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "scim_identities_display_name_lower_idx" ON "scim_identities" USING btree (lower("display_name"));--> statement-breakpoint
CREATE INDEX "scim_identities_created_id_idx" ON "scim_identities" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "team_scim_links_group_idx" ON "team_scim_links" USING btree ("scim_group_id","team_id");--> statement-breakpoint
CREATE INDEX "audit_events_occurred_idx" ON "audit_events" USING btree ("occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("action","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_events_target_idx" ON "audit_events" USING btree ("target_id","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "rate_limit_buckets_updated_idx" ON "rate_limit_buckets" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "scim_requests_occurred_idx" ON "scim_requests" USING btree ("occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "scim_requests_status_idx" ON "scim_requests" USING btree ("status","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "scim_requests_token_idx" ON "scim_requests" USING btree ("token_id","occurred_at" DESC NULLS LAST);