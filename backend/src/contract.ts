/**
 * The API's contract with the web app: every shape the web app reads from the API or sends to it,
 * defined once here in the backend as zod (the schemas the routes answer with and the OpenAPI
 * document describes), and the fixed lists and pure rules it shares. The web app imports backend
 * code from this module only (eslint: no-restricted-imports), its types as `z.infer` of these.
 *
 * It must stay safe in a browser bundle: it re-exports only zod schemas, constants and pure
 * functions, never a module that reaches drizzle, pg, express, node: or Redis. Type-only
 * re-exports are erased; a schema the web app does not use is left out of its bundle
 * (`"sideEffects": false` in backend/package.json), so only the constants and functions it uses
 * are bundled, never zod unless it validates with it.
 */

// What every list and every failure answers
export { pageSchema, type Page } from './http/pagination';
export { ErrorBody, type FieldError } from './http/views';

// Accounts and roles
export { ACCOUNT_STATUSES, APPLICANT_ROLES, ROLES, type AccountStatus, type Actor, type Role } from './access/roles';
export { AGREEMENT_VERSION } from './auth/agreements';
export {
  Credentials,
  PasswordChange,
  RegistrationSchema,
  WorkPhone,
  type CredentialsBody,
  type PasswordChangeBody,
  type Registration,
} from './auth/validation';
export { STAFF_ROLES, type StaffRole } from './accounts/enums';
export { AccountView, PasswordResetDone } from './accounts/views';
export {
  AccountQuery,
  NewStaffAccount,
  AccountPatch,
  PasswordReset,
  type AccountPatchBody,
  type NewStaffAccountBody,
  type PasswordResetBody,
} from './accounts/validation';
export { ActorView, CsrfToken, IssuedToken, Me, Registered, SignedIn, Tokens } from './auth/views';

// The catalog and the institutions behind it
export {
  CATALOG_SORTS,
  CUSTOMER_TYPES,
  PRODUCT_KINDS,
  PRODUCT_STATUSES,
  type CatalogSort,
  type CustomerType,
  type ProductKind,
  type ProductStatus,
} from './catalog/enums';
export {
  INSTITUTION_LEVELS,
  INSTITUTION_STATUSES,
  INSTITUTION_TYPES,
  type InstitutionLevel,
  type InstitutionStatus,
  type InstitutionType,
} from './institutions/enums';

export { ProductChange, ProductDetail, ProductField, ProductHistory, ProductView } from './catalog/views';
export {
  CatalogQuery,
  ProductFields,
  ProductPatch,
  type CatalogQueryParams,
  type ProductFieldsBody,
  type ProductPatchBody,
} from './catalog/validation';
export { InstitutionView, Officers, OfficerView } from './institutions/views';
export {
  InstitutionProfile,
  NewInstitution,
  NewOfficer,
  OfficerPatch,
  Suspension,
  type InstitutionProfileBody,
  type NewInstitutionBody,
  type NewOfficerBody,
  type SuspensionBody,
  type OfficerPatchBody,
} from './institutions/validation';

// Supervision: the bureau's figures, breaches and urges
export {
  BREACH_STATUSES,
  FORMATS,
  GROUP_BYS,
  INTERVALS,
  REPORTS,
  URGE_STATES,
  type BreachStatus,
  type Format,
  type GroupBy,
  type Interval,
  type Report,
  type UrgeState,
} from './supervision/enums';
export {
  Acknowledgement,
  BreachQuery,
  BreachView,
  OverviewQuery,
  OverviewView,
  Period,
  PublicFigures,
  SlaQuery,
  SlaView,
  UrgeNote,
  UrgeView,
  type AcknowledgementBody,
  type PeriodParams,
  type UrgeNoteBody,
} from './supervision/views';

// The live stream (`GET /stream`): each message's data by event name
export { STREAM_MESSAGES, type StreamMessage, type StreamMessageData, type StreamMessageName } from './stream/views';

// The notification centre
export { NotificationPage, NotificationView, ReadAll } from './notifications/views';
export { RequestNotice } from './requests/notice-views';
export { APPLICANT_NOTICE_ACTIONS, type ApplicantNoticeAction } from './lifecycle/applicant-notices';

// Reference data
export { REGION_LEVELS, type RegionLevel } from './reference/enums';
export { Regions, RegionView } from './reference/views';
export { INDUSTRY_CODES, INDUSTRY_SECTIONS, type IndustrySection } from './reference/industries';

// Loan requests: their lifecycle, views and the bodies clients send
export {
  nextStatus,
  POOL_TIERS,
  REQUEST_STATUSES,
  SLA_STAGES,
  STAGE_ACTION_BY_TARGET,
  type PoolTier,
  type RequestStatus,
  type SlaStage,
} from './lifecycle/state-machine';
export {
  CUSTOMER_TYPES_BY_APPLICANT,
  DUE_FILTERS,
  REJECTION_CODES,
  STAGE_OUTCOMES,
  type DueFilter,
  type RejectionCode,
  type StageOutcome,
} from './requests/enums';
export {
  AssigneesView,
  HandoverOfficersView,
  Pool,
  ReplannedDeadline,
  RequestDeadlines,
  RequestView,
  StageView,
  Timeline,
  TimelineData,
  TimelineEntry,
} from './requests/views';
export {
  Assignment,
  Handover,
  NewLoanRequest,
  RequestExportQuery,
  RequestFilters,
  Transition,
  type AssignmentBody,
  type HandoverBody,
  type NewLoanRequestBody,
  type RequestFiltersQuery,
  type TransitionBody,
} from './requests/validation';

// The 321 SLA: its policy, countdowns, previews and working calendars
export {
  BREACH_ACTIONS,
  SlaPolicyInput,
  SlaPolicyView,
  StageClock,
  type SlaPolicy,
  type SlaPolicyInputType,
} from './sla-policy/views';
export { SlaDraftPreview, SlaDraftPreviewBody, SlaPolicyHistory, SlaPolicyVersion } from './sla/policy-views';
export { countdownAt, type Countdown, type CountdownState } from './sla-policy/countdown';
export {
  CALENDAR_YEARS,
  CalendarList,
  CalendarSaved,
  CalendarYearBody,
  CalendarYearSummary,
  CalendarYearView,
  SlaPreview,
} from './sla/calendar-views';

// Operations: the platform admin's queue dashboard (served by the API, outside the web app)
export { QUEUE_DASHBOARD_PATH } from './ops/paths';

// Fiscal instruments (财金协同): programs, servicing reports, claims and the bureau's fiscal view
export {
  CLAIM_DECISIONS,
  CLAIM_STATUSES,
  LEDGER_KINDS,
  PROGRAM_KINDS,
  PROGRAM_STATUSES,
  SERVICING_STATUSES,
  type ClaimStatus,
  type ProgramKind,
  type ProgramStatus,
  type ServicingStatus,
} from './fiscal/enums';
export {
  accruedFen,
  coversProduct,
  daysBetween,
  eligibilityMisfits,
  interestSubsidyFen,
  type LoanFacts,
  type ProgramEligibility,
  type ProductReach,
} from './fiscal/rules';
export {
  ClaimDecisionInput,
  ClaimInput,
  ClaimPage,
  ClaimView,
  FiscalView,
  LedgerPage,
  LoanProgramsView,
  PARAMS_OF_KIND,
  PaymentInput,
  PreviewView,
  ProgramInput,
  ProgramChange,
  ProgramPage,
  ProgramView,
  RecoveryInput,
  ServicingInput,
  ServicingReportsView,
  type ClaimBody,
  type ClaimDecisionBody,
  type ClaimViewType,
  type FiscalViewType,
  type LedgerEntryViewType,
  type PaymentBody,
  type ProgramBody,
  type ProgramChangeBody,
  type ProgramViewType,
  type ServicingBody,
} from './fiscal/views';

// Applicant profiles (企业档案/个人档案) and the bureau's public-data import
export {
  AGRICULTURAL_ENTITY_TYPES,
  CERTIFICATIONS,
  ENTERPRISE_FIELDS,
  INCOME_BANDS,
  INDIVIDUAL_FIELDS,
  PROFILE_SOURCES,
  PUBLIC_DATA_COLUMNS,
  PUBLIC_DATA_FIELDS,
  TAX_CREDIT_RATINGS,
  UTILITY_PAYMENT_RECORDS,
  type AgriculturalEntityType,
  type Certification,
  type IncomeBand,
  type ProfileSource,
  type PublicDataField,
  type TaxCreditRating,
} from './profiles/enums';
export {
  ExistingLoan,
  ImportReport,
  ProfileInput,
  ProfileView,
  RejectedRow,
  type ImportReportType,
  type ProfileInputBody,
  type ProfileViewType,
} from './profiles/views';
export { bandOf, profileSummary, type Band, type ProfileSummary } from './profiles/summary';
