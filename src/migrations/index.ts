import * as migration_20261125_004102_initial from './20261125_004102_initial'
import * as migration_20261125_020012_staff_tools from './20261125_020012_staff_tools'
import * as migration_20261125_022209_bundles from './20261125_022209_bundles'
import * as migration_20261130_154552_reference_photos_quality from './20261130_154552_reference_photos_quality'
import * as migration_20261130_181057_stripe_events_waiting from './20261130_181057_stripe_events_waiting'
import * as migration_20261130_182727_wallets from './20261130_182727_wallets'
import * as migration_20261130_190123_trust_delete_rules_email_retention from './20261130_190123_trust_delete_rules_email_retention'
import * as migration_20261130_194238_rating_comment from './20261130_194238_rating_comment'
import * as migration_20261130_204837_dispute_outcome from './20261130_204837_dispute_outcome'
import * as migration_20261130_210553_s3_storage_fields from './20261130_210553_s3_storage_fields'
import * as migration_20261130_211734_generation_instructions_fields from './20261130_211734_generation_instructions_fields'
import * as migration_20261205_120747_purchase_stripe_reversal_amounts from './20261205_120747_purchase_stripe_reversal_amounts'
import * as migration_20261205_123733_generation_request_id_lease_holder from './20261205_123733_generation_request_id_lease_holder'
import * as migration_20261205_130746_upload_faces from './20261205_130746_upload_faces'
import * as migration_20261205_141000_image_model_catalogue from './20261205_141000_image_model_catalogue'
import * as migration_20261205_232908_likeness from './20261205_232908_likeness'
import * as migration_20261205_234047_record_uuids from './20261205_234047_record_uuids'
import * as migration_20261205_235139_login_throttle from './20261205_235139_login_throttle'
import * as migration_20261206_032908_generation_events from './20261206_032908_generation_events'
import * as migration_20261206_033733_analytics_at_scale from './20261206_033733_analytics_at_scale'
import * as migration_20261206_042134_pending_email_change from './20261206_042134_pending_email_change'
import * as migration_20261206_200923_prune_progress_events from './20261206_200923_prune_progress_events'
import * as migration_20261206_203405_test_render_likeness from './20261206_203405_test_render_likeness'
import * as migration_20261206_204854_image_model_price_source from './20261206_204854_image_model_price_source'
import * as migration_20261206_211349_derived_tables_unlockable from './20261206_211349_derived_tables_unlockable'
import * as migration_20261206_212348_account_verification from './20261206_212348_account_verification'
import * as migration_20261207_024542_studios from './20261207_024542_studios'
import * as migration_20261207_055527_stripe_connect from './20261207_055527_stripe_connect'
import * as migration_20261207_062057_customer_studio from './20261207_062057_customer_studio'
import * as migration_20261207_112501_analytics_studios from './20261207_112501_analytics_studios'
import * as migration_20261207_145055_studio_records from './20261207_145055_studio_records'
import * as migration_20261207_152633_email_per_studio from './20261207_152633_email_per_studio'

export const migrations = [
  {
    up: migration_20261125_004102_initial.up,
    down: migration_20261125_004102_initial.down,
    name: '20261125_004102_initial',
  },
  {
    up: migration_20261125_020012_staff_tools.up,
    down: migration_20261125_020012_staff_tools.down,
    name: '20261125_020012_staff_tools',
  },
  {
    up: migration_20261125_022209_bundles.up,
    down: migration_20261125_022209_bundles.down,
    name: '20261125_022209_bundles',
  },
  {
    up: migration_20261130_154552_reference_photos_quality.up,
    down: migration_20261130_154552_reference_photos_quality.down,
    name: '20261130_154552_reference_photos_quality',
  },
  {
    up: migration_20261130_181057_stripe_events_waiting.up,
    down: migration_20261130_181057_stripe_events_waiting.down,
    name: '20261130_181057_stripe_events_waiting',
  },
  {
    up: migration_20261130_182727_wallets.up,
    down: migration_20261130_182727_wallets.down,
    name: '20261130_182727_wallets',
  },
  {
    up: migration_20261130_190123_trust_delete_rules_email_retention.up,
    down: migration_20261130_190123_trust_delete_rules_email_retention.down,
    name: '20261130_190123_trust_delete_rules_email_retention',
  },
  {
    up: migration_20261130_194238_rating_comment.up,
    down: migration_20261130_194238_rating_comment.down,
    name: '20261130_194238_rating_comment',
  },
  {
    up: migration_20261130_204837_dispute_outcome.up,
    down: migration_20261130_204837_dispute_outcome.down,
    name: '20261130_204837_dispute_outcome',
  },
  {
    up: migration_20261130_210553_s3_storage_fields.up,
    down: migration_20261130_210553_s3_storage_fields.down,
    name: '20261130_210553_s3_storage_fields',
  },
  {
    up: migration_20261130_211734_generation_instructions_fields.up,
    down: migration_20261130_211734_generation_instructions_fields.down,
    name: '20261130_211734_generation_instructions_fields',
  },
  {
    up: migration_20261205_120747_purchase_stripe_reversal_amounts.up,
    down: migration_20261205_120747_purchase_stripe_reversal_amounts.down,
    name: '20261205_120747_purchase_stripe_reversal_amounts',
  },
  {
    up: migration_20261205_123733_generation_request_id_lease_holder.up,
    down: migration_20261205_123733_generation_request_id_lease_holder.down,
    name: '20261205_123733_generation_request_id_lease_holder',
  },
  {
    up: migration_20261205_130746_upload_faces.up,
    down: migration_20261205_130746_upload_faces.down,
    name: '20261205_130746_upload_faces',
  },
  {
    up: migration_20261205_141000_image_model_catalogue.up,
    down: migration_20261205_141000_image_model_catalogue.down,
    name: '20261205_141000_image_model_catalogue',
  },
  {
    up: migration_20261205_232908_likeness.up,
    down: migration_20261205_232908_likeness.down,
    name: '20261205_232908_likeness',
  },
  {
    up: migration_20261205_234047_record_uuids.up,
    down: migration_20261205_234047_record_uuids.down,
    name: '20261205_234047_record_uuids',
  },
  {
    up: migration_20261205_235139_login_throttle.up,
    down: migration_20261205_235139_login_throttle.down,
    name: '20261205_235139_login_throttle',
  },
  {
    up: migration_20261206_032908_generation_events.up,
    down: migration_20261206_032908_generation_events.down,
    name: '20261206_032908_generation_events',
  },
  {
    up: migration_20261206_033733_analytics_at_scale.up,
    down: migration_20261206_033733_analytics_at_scale.down,
    name: '20261206_033733_analytics_at_scale',
  },
  {
    up: migration_20261206_042134_pending_email_change.up,
    down: migration_20261206_042134_pending_email_change.down,
    name: '20261206_042134_pending_email_change',
  },
  {
    up: migration_20261206_200923_prune_progress_events.up,
    down: migration_20261206_200923_prune_progress_events.down,
    name: '20261206_200923_prune_progress_events',
  },
  {
    up: migration_20261206_203405_test_render_likeness.up,
    down: migration_20261206_203405_test_render_likeness.down,
    name: '20261206_203405_test_render_likeness',
  },
  {
    up: migration_20261206_204854_image_model_price_source.up,
    down: migration_20261206_204854_image_model_price_source.down,
    name: '20261206_204854_image_model_price_source',
  },
  {
    up: migration_20261206_211349_derived_tables_unlockable.up,
    down: migration_20261206_211349_derived_tables_unlockable.down,
    name: '20261206_211349_derived_tables_unlockable',
  },
  {
    up: migration_20261206_212348_account_verification.up,
    down: migration_20261206_212348_account_verification.down,
    name: '20261206_212348_account_verification',
  },
  {
    up: migration_20261207_024542_studios.up,
    down: migration_20261207_024542_studios.down,
    name: '20261207_024542_studios',
  },
  {
    up: migration_20261207_055527_stripe_connect.up,
    down: migration_20261207_055527_stripe_connect.down,
    name: '20261207_055527_stripe_connect',
  },
  {
    up: migration_20261207_062057_customer_studio.up,
    down: migration_20261207_062057_customer_studio.down,
    name: '20261207_062057_customer_studio',
  },
  {
    up: migration_20261207_112501_analytics_studios.up,
    down: migration_20261207_112501_analytics_studios.down,
    name: '20261207_112501_analytics_studios',
  },
  {
    up: migration_20261207_145055_studio_records.up,
    down: migration_20261207_145055_studio_records.down,
    name: '20261207_145055_studio_records',
  },
  {
    up: migration_20261207_152633_email_per_studio.up,
    down: migration_20261207_152633_email_per_studio.down,
    name: '20261207_152633_email_per_studio',
  },
]
