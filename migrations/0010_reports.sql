CREATE INDEX "alarms_site_report_idx" ON "alarms" USING btree ("stream","site_id","first_at");--> statement-breakpoint
CREATE INDEX "dispatches_site_report_idx" ON "dispatches" USING btree ("stream","site_id","sent_at");--> statement-breakpoint
CREATE INDEX "incidents_site_report_idx" ON "incidents" USING btree ("stream","site_id","opened_at");