""" Contains all the data models used in inputs/outputs """

from .access_out import AccessOut
from .access_page import AccessPage
from .account_list import AccountList
from .account_out import AccountOut
from .account_out_distributed_by_kind import AccountOutDistributedByKind
from .address_in import AddressIn
from .address_in_channel import AddressInChannel
from .address_in_locale_type_0 import AddressInLocaleType0
from .allocation_out import AllocationOut
from .allocation_out_status import AllocationOutStatus
from .answer_in import AnswerIn
from .answer_out import AnswerOut
from .artifact_list import ArtifactList
from .artifact_out import ArtifactOut
from .attachment_out import AttachmentOut
from .attempt_out import AttemptOut
from .audit_entry_out import AuditEntryOut
from .audit_entry_out_changes import AuditEntryOutChanges
from .audit_page import AuditPage
from .body_add_attachment import BodyAddAttachment
from .body_attach import BodyAttach
from .body_import_clients import BodyImportClients
from .body_import_positions import BodyImportPositions
from .body_import_records import BodyImportRecords
from .body_import_statement import BodyImportStatement
from .body_upload_document import BodyUploadDocument
from .body_upload_portal_document import BodyUploadPortalDocument
from .campaign_in import CampaignIn
from .campaign_out import CampaignOut
from .cancel_body import CancelBody
from .capital_event_in import CapitalEventIn
from .capital_event_in_distribution_kind_type_0 import CapitalEventInDistributionKindType0
from .capital_event_in_kind import CapitalEventInKind
from .capital_event_out import CapitalEventOut
from .capital_event_out_status import CapitalEventOutStatus
from .channel_consent_in import ChannelConsentIn
from .channel_consent_in_category import ChannelConsentInCategory
from .channel_consent_in_channel import ChannelConsentInChannel
from .channel_consent_out import ChannelConsentOut
from .client_create import ClientCreate
from .client_create_custom_fields_type_0 import ClientCreateCustomFieldsType0
from .client_create_kind import ClientCreateKind
from .client_create_kyc_status_type_0 import ClientCreateKycStatusType0
from .client_create_locale_type_0 import ClientCreateLocaleType0
from .client_create_preferred_channel_type_0 import ClientCreatePreferredChannelType0
from .client_create_risk_answers_type_0 import ClientCreateRiskAnswersType0
from .client_create_risk_level_type_0 import ClientCreateRiskLevelType0
from .client_create_status_type_0 import ClientCreateStatusType0
from .client_out import ClientOut
from .client_out_custom_fields import ClientOutCustomFields
from .client_out_kind import ClientOutKind
from .client_out_lifecycle_stage import ClientOutLifecycleStage
from .client_out_tier import ClientOutTier
from .client_page import ClientPage
from .client_patch import ClientPatch
from .client_patch_custom_fields_type_0 import ClientPatchCustomFieldsType0
from .client_patch_kind_type_0 import ClientPatchKindType0
from .client_patch_kyc_status_type_0 import ClientPatchKycStatusType0
from .client_patch_locale_type_0 import ClientPatchLocaleType0
from .client_patch_preferred_channel_type_0 import ClientPatchPreferredChannelType0
from .client_patch_risk_answers_type_0 import ClientPatchRiskAnswersType0
from .client_patch_risk_level_type_0 import ClientPatchRiskLevelType0
from .client_patch_status_type_0 import ClientPatchStatusType0
from .client_progress_out import ClientProgressOut
from .client_step_out import ClientStepOut
from .client_view_out import ClientViewOut
from .commitment_in import CommitmentIn
from .commitment_out import CommitmentOut
from .complete_in import CompleteIn
from .complete_in_form import CompleteInForm
from .confirm_in import ConfirmIn
from .consent_in import ConsentIn
from .consent_out import ConsentOut
from .count_out import CountOut
from .custom_field_in import CustomFieldIn
from .custom_field_in_type import CustomFieldInType
from .custom_field_list import CustomFieldList
from .custom_field_out import CustomFieldOut
from .custom_predicate_in import CustomPredicateIn
from .custom_predicate_in_op import CustomPredicateInOp
from .decision_in import DecisionIn
from .definition_in import DefinitionIn
from .definition_in_document import DefinitionInDocument
from .definition_list import DefinitionList
from .definition_out import DefinitionOut
from .definition_out_document import DefinitionOutDocument
from .definition_out_name import DefinitionOutName
from .definition_schema_response_definition_schema import DefinitionSchemaResponseDefinitionSchema
from .delegation_in import DelegationIn
from .delegation_list import DelegationList
from .delegation_out import DelegationOut
from .deliveries_status_type_0 import DeliveriesStatusType0
from .delivery_out import DeliveryOut
from .delivery_out_status import DeliveryOutStatus
from .delivery_page import DeliveryPage
from .document_in import DocumentIn
from .document_in_document import DocumentInDocument
from .draft_preview_in import DraftPreviewIn
from .draft_preview_in_locale import DraftPreviewInLocale
from .draft_preview_in_variables import DraftPreviewInVariables
from .dry_run_in import DryRunIn
from .dry_run_in_answers import DryRunInAnswers
from .dry_run_in_document import DryRunInDocument
from .dry_run_out import DryRunOut
from .dry_run_step_out import DryRunStepOut
from .event_in import EventIn
from .event_in_payload import EventInPayload
from .event_list import EventList
from .event_out import EventOut
from .event_out_payload import EventOutPayload
from .excluded_out import ExcludedOut
from .exclusions_in import ExclusionsIn
from .export_records_format import ExportRecordsFormat
from .export_records_locale import ExportRecordsLocale
from .export_segment_format import ExportSegmentFormat
from .extend_in import ExtendIn
from .external_id_body import ExternalIdBody
from .feed_out import FeedOut
from .field_error import FieldError
from .figures_out import FiguresOut
from .filter_in import FilterIn
from .filter_in_risk_levels_item import FilterInRiskLevelsItem
from .filter_in_stages_item import FilterInStagesItem
from .filter_in_tiers_item import FilterInTiersItem
from .firing_out import FiringOut
from .form_field_out import FormFieldOut
from .form_field_out_labels import FormFieldOutLabels
from .fund_figures_out import FundFiguresOut
from .fund_in import FundIn
from .fund_list import FundList
from .fund_out import FundOut
from .funds_summary_out import FundsSummaryOut
from .get_progress_view import GetProgressView
from .healthz_response_healthz import HealthzResponseHealthz
from .holding_as_of import HoldingAsOf
from .holding_in import HoldingIn
from .holding_out import HoldingOut
from .holding_page import HoldingPage
from .holdings_as_of_out import HoldingsAsOfOut
from .holdings_summary_out import HoldingsSummaryOut
from .http_validation_error import HTTPValidationError
from .import_report_out import ImportReportOut
from .import_statement_format import ImportStatementFormat
from .inbox_message_out import InboxMessageOut
from .inbox_page import InboxPage
from .interaction_in import InteractionIn
from .interaction_in_channel import InteractionInChannel
from .interaction_in_direction import InteractionInDirection
from .interaction_out import InteractionOut
from .interaction_page import InteractionPage
from .kpi_dashboard_format import KpiDashboardFormat
from .kyc import Kyc
from .kyc_risk_answers import KycRiskAnswers
from .link_in import LinkIn
from .link_in_kind import LinkInKind
from .link_out import LinkOut
from .list_deliveries_status_type_0 import ListDeliveriesStatusType0
from .list_events_status_type_0 import ListEventsStatusType0
from .list_requests_status_type_0 import ListRequestsStatusType0
from .list_tasks_scope import ListTasksScope
from .list_tasks_status_type_0 import ListTasksStatusType0
from .mailbox_in import MailboxIn
from .mailbox_in_security import MailboxInSecurity
from .mailbox_out import MailboxOut
from .me import Me
from .me_out import MeOut
from .membership_body import MembershipBody
from .membership_body_role import MembershipBodyRole
from .message_in import MessageIn
from .message_out import MessageOut
from .my_requests_status_type_0 import MyRequestsStatusType0
from .name_list import NameList
from .note_in import NoteIn
from .note_out import NoteOut
from .overdue_call_out import OverdueCallOut
from .pause_in import PauseIn
from .payment_in import PaymentIn
from .performance_out import PerformanceOut
from .person_in import PersonIn
from .person_list import PersonList
from .person_name import PersonName
from .person_out import PersonOut
from .point_out import PointOut
from .portal_client_task_out import PortalClientTaskOut
from .portal_client_task_out_title import PortalClientTaskOutTitle
from .portal_complete_in import PortalCompleteIn
from .portal_complete_in_form import PortalCompleteInForm
from .portal_event_out import PortalEventOut
from .portal_event_out_kind import PortalEventOutKind
from .portal_event_out_status import PortalEventOutStatus
from .portal_field_out import PortalFieldOut
from .portal_field_out_labels import PortalFieldOutLabels
from .portal_process_out import PortalProcessOut
from .portal_request_in import PortalRequestIn
from .portal_request_in_fields import PortalRequestInFields
from .portal_request_out import PortalRequestOut
from .portal_request_out_fields import PortalRequestOutFields
from .portal_request_out_type_names import PortalRequestOutTypeNames
from .portal_request_page import PortalRequestPage
from .portal_task_out import PortalTaskOut
from .portal_task_out_title import PortalTaskOutTitle
from .portal_type_out import PortalTypeOut
from .portal_type_out_names import PortalTypeOutNames
from .preview_in import PreviewIn
from .preview_in_sample_payload import PreviewInSamplePayload
from .preview_match_out import PreviewMatchOut
from .preview_out import PreviewOut
from .preview_out_clients_changed import PreviewOutClientsChanged
from .problem import Problem
from .problem_out import ProblemOut
from .process_list import ProcessList
from .process_out import ProcessOut
from .process_out_result_type_0 import ProcessOutResultType0
from .process_start import ProcessStart
from .process_start_parameters import ProcessStartParameters
from .progress_out import ProgressOut
from .progress_task_out import ProgressTaskOut
from .progress_task_out_title_params import ProgressTaskOutTitleParams
from .put_template_locale import PutTemplateLocale
from .quarter_distributions_out import QuarterDistributionsOut
from .quarterly_run_in import QuarterlyRunIn
from .quarterly_run_in_parameters import QuarterlyRunInParameters
from .questionnaire_body import QuestionnaireBody
from .questionnaire_body_answers import QuestionnaireBodyAnswers
from .rate_in import RateIn
from .reassign_in import ReassignIn
from .recompute_out import RecomputeOut
from .record_condition_in import RecordConditionIn
from .record_condition_in_op import RecordConditionInOp
from .record_in import RecordIn
from .record_in_fields import RecordInFields
from .record_out import RecordOut
from .record_out_fields import RecordOutFields
from .record_page import RecordPage
from .record_patch import RecordPatch
from .record_patch_fields import RecordPatchFields
from .record_predicate_in import RecordPredicateIn
from .record_type_in import RecordTypeIn
from .record_type_in_document import RecordTypeInDocument
from .record_type_list import RecordTypeList
from .record_type_out import RecordTypeOut
from .record_type_out_document import RecordTypeOutDocument
from .related_person_in import RelatedPersonIn
from .related_person_in_role import RelatedPersonInRole
from .related_person_out import RelatedPersonOut
from .rendered_out import RenderedOut
from .reopen_in import ReopenIn
from .replay_in import ReplayIn
from .replay_out import ReplayOut
from .report_out import ReportOut
from .report_run_out import ReportRunOut
from .request_in import RequestIn
from .request_in_fields import RequestInFields
from .request_out import RequestOut
from .request_out_fields import RequestOutFields
from .request_out_type_names import RequestOutTypeNames
from .request_page import RequestPage
from .request_type_in import RequestTypeIn
from .request_type_in_definition import RequestTypeInDefinition
from .request_type_out import RequestTypeOut
from .request_type_out_definition import RequestTypeOutDefinition
from .retry_in import RetryIn
from .rotate_in import RotateIn
from .row_error_out import RowErrorOut
from .rule_action_in import RuleActionIn
from .rule_action_in_parameters import RuleActionInParameters
from .rule_in import RuleIn
from .rule_in_action import RuleInAction
from .rule_in_parameters import RuleInParameters
from .rule_in_period import RuleInPeriod
from .rule_in_trigger import RuleInTrigger
from .rule_list import RuleList
from .rule_out import RuleOut
from .rule_out_action import RuleOutAction
from .rule_out_parameters import RuleOutParameters
from .rule_out_period import RuleOutPeriod
from .rule_out_trigger import RuleOutTrigger
from .rules_body import RulesBody
from .rules_body_config import RulesBodyConfig
from .rules_out import RulesOut
from .rules_out_config import RulesOutConfig
from .run_in import RunIn
from .schedule_in import ScheduleIn
from .schedule_out import ScheduleOut
from .scorecard_body import ScorecardBody
from .scorecard_body_config import ScorecardBodyConfig
from .scorecard_out import ScorecardOut
from .scorecard_out_config import ScorecardOutConfig
from .segment_in import SegmentIn
from .segment_list import SegmentList
from .segment_out import SegmentOut
from .segment_out_filter import SegmentOutFilter
from .send_in import SendIn
from .send_in_category_type_0 import SendInCategoryType0
from .send_in_channel_type_0 import SendInChannelType0
from .send_in_priority import SendInPriority
from .send_in_variables import SendInVariables
from .series_out import SeriesOut
from .session_in import SessionIn
from .session_out import SessionOut
from .sign_in_accepted import SignInAccepted
from .sign_in_in import SignInIn
from .stage_change_out import StageChangeOut
from .stage_change_out_explanation import StageChangeOutExplanation
from .stage_history_page import StageHistoryPage
from .stage_in import StageIn
from .stage_in_stage import StageInStage
from .start_in import StartIn
from .statement_line_out import StatementLineOut
from .statement_line_out_status import StatementLineOutStatus
from .statement_out import StatementOut
from .step_out import StepOut
from .subscription_in import SubscriptionIn
from .subscription_out import SubscriptionOut
from .subscription_patch import SubscriptionPatch
from .survey_answer_in import SurveyAnswerIn
from .survey_answer_out import SurveyAnswerOut
from .survey_out import SurveyOut
from .survey_out_request_names import SurveyOutRequestNames
from .sync_out import SyncOut
from .task_document_out import TaskDocumentOut
from .task_out import TaskOut
from .task_out_form import TaskOutForm
from .task_out_title_params import TaskOutTitleParams
from .task_page import TaskPage
from .task_reply_file_out import TaskReplyFileOut
from .task_reply_out import TaskReplyOut
from .team_in import TeamIn
from .team_list import TeamList
from .team_out import TeamOut
from .template_content_in import TemplateContentIn
from .template_in import TemplateIn
from .template_in_category import TemplateInCategory
from .template_in_sample_variables import TemplateInSampleVariables
from .template_list import TemplateList
from .template_out import TemplateOut
from .template_out_sample_variables import TemplateOutSampleVariables
from .template_preview_in import TemplatePreviewIn
from .template_preview_in_locale import TemplatePreviewInLocale
from .template_preview_in_variables_type_0 import TemplatePreviewInVariablesType0
from .template_set_out import TemplateSetOut
from .tier_change_out import TierChangeOut
from .tier_change_out_inputs import TierChangeOutInputs
from .tier_history_page import TierHistoryPage
from .tier_override_in import TierOverrideIn
from .tier_override_in_tier_type_0 import TierOverrideInTierType0
from .timeline_channel_type_0_item import TimelineChannelType0Item
from .timeline_item import TimelineItem
from .timeline_item_kind import TimelineItemKind
from .timeline_kind_type_0_item import TimelineKindType0Item
from .timeline_page import TimelinePage
from .total_out import TotalOut
from .totals_out import TotalsOut
from .transaction_in import TransactionIn
from .transaction_in_kind import TransactionInKind
from .transaction_out import TransactionOut
from .transaction_page import TransactionPage
from .type_check import TypeCheck
from .type_problem import TypeProblem
from .unsubscribed_out import UnsubscribedOut
from .validation_error import ValidationError
from .validation_error_context import ValidationErrorContext
from .validation_out import ValidationOut
from .view_in import ViewIn
from .view_list import ViewList
from .view_out import ViewOut
from .webhook_delivery_out import WebhookDeliveryOut
from .webhook_delivery_out_status import WebhookDeliveryOutStatus

__all__ = (
    "AccessOut",
    "AccessPage",
    "AccountList",
    "AccountOut",
    "AccountOutDistributedByKind",
    "AddressIn",
    "AddressInChannel",
    "AddressInLocaleType0",
    "AllocationOut",
    "AllocationOutStatus",
    "AnswerIn",
    "AnswerOut",
    "ArtifactList",
    "ArtifactOut",
    "AttachmentOut",
    "AttemptOut",
    "AuditEntryOut",
    "AuditEntryOutChanges",
    "AuditPage",
    "BodyAddAttachment",
    "BodyAttach",
    "BodyImportClients",
    "BodyImportPositions",
    "BodyImportRecords",
    "BodyImportStatement",
    "BodyUploadDocument",
    "BodyUploadPortalDocument",
    "CampaignIn",
    "CampaignOut",
    "CancelBody",
    "CapitalEventIn",
    "CapitalEventInDistributionKindType0",
    "CapitalEventInKind",
    "CapitalEventOut",
    "CapitalEventOutStatus",
    "ChannelConsentIn",
    "ChannelConsentInCategory",
    "ChannelConsentInChannel",
    "ChannelConsentOut",
    "ClientCreate",
    "ClientCreateCustomFieldsType0",
    "ClientCreateKind",
    "ClientCreateKycStatusType0",
    "ClientCreateLocaleType0",
    "ClientCreatePreferredChannelType0",
    "ClientCreateRiskAnswersType0",
    "ClientCreateRiskLevelType0",
    "ClientCreateStatusType0",
    "ClientOut",
    "ClientOutCustomFields",
    "ClientOutKind",
    "ClientOutLifecycleStage",
    "ClientOutTier",
    "ClientPage",
    "ClientPatch",
    "ClientPatchCustomFieldsType0",
    "ClientPatchKindType0",
    "ClientPatchKycStatusType0",
    "ClientPatchLocaleType0",
    "ClientPatchPreferredChannelType0",
    "ClientPatchRiskAnswersType0",
    "ClientPatchRiskLevelType0",
    "ClientPatchStatusType0",
    "ClientProgressOut",
    "ClientStepOut",
    "ClientViewOut",
    "CommitmentIn",
    "CommitmentOut",
    "CompleteIn",
    "CompleteInForm",
    "ConfirmIn",
    "ConsentIn",
    "ConsentOut",
    "CountOut",
    "CustomFieldIn",
    "CustomFieldInType",
    "CustomFieldList",
    "CustomFieldOut",
    "CustomPredicateIn",
    "CustomPredicateInOp",
    "DecisionIn",
    "DefinitionIn",
    "DefinitionInDocument",
    "DefinitionList",
    "DefinitionOut",
    "DefinitionOutDocument",
    "DefinitionOutName",
    "DefinitionSchemaResponseDefinitionSchema",
    "DelegationIn",
    "DelegationList",
    "DelegationOut",
    "DeliveriesStatusType0",
    "DeliveryOut",
    "DeliveryOutStatus",
    "DeliveryPage",
    "DocumentIn",
    "DocumentInDocument",
    "DraftPreviewIn",
    "DraftPreviewInLocale",
    "DraftPreviewInVariables",
    "DryRunIn",
    "DryRunInAnswers",
    "DryRunInDocument",
    "DryRunOut",
    "DryRunStepOut",
    "EventIn",
    "EventInPayload",
    "EventList",
    "EventOut",
    "EventOutPayload",
    "ExcludedOut",
    "ExclusionsIn",
    "ExportRecordsFormat",
    "ExportRecordsLocale",
    "ExportSegmentFormat",
    "ExtendIn",
    "ExternalIdBody",
    "FeedOut",
    "FieldError",
    "FiguresOut",
    "FilterIn",
    "FilterInRiskLevelsItem",
    "FilterInStagesItem",
    "FilterInTiersItem",
    "FiringOut",
    "FormFieldOut",
    "FormFieldOutLabels",
    "FundFiguresOut",
    "FundIn",
    "FundList",
    "FundOut",
    "FundsSummaryOut",
    "GetProgressView",
    "HealthzResponseHealthz",
    "HoldingAsOf",
    "HoldingIn",
    "HoldingOut",
    "HoldingPage",
    "HoldingsAsOfOut",
    "HoldingsSummaryOut",
    "HTTPValidationError",
    "ImportReportOut",
    "ImportStatementFormat",
    "InboxMessageOut",
    "InboxPage",
    "InteractionIn",
    "InteractionInChannel",
    "InteractionInDirection",
    "InteractionOut",
    "InteractionPage",
    "KpiDashboardFormat",
    "Kyc",
    "KycRiskAnswers",
    "LinkIn",
    "LinkInKind",
    "LinkOut",
    "ListDeliveriesStatusType0",
    "ListEventsStatusType0",
    "ListRequestsStatusType0",
    "ListTasksScope",
    "ListTasksStatusType0",
    "MailboxIn",
    "MailboxInSecurity",
    "MailboxOut",
    "Me",
    "MembershipBody",
    "MembershipBodyRole",
    "MeOut",
    "MessageIn",
    "MessageOut",
    "MyRequestsStatusType0",
    "NameList",
    "NoteIn",
    "NoteOut",
    "OverdueCallOut",
    "PauseIn",
    "PaymentIn",
    "PerformanceOut",
    "PersonIn",
    "PersonList",
    "PersonName",
    "PersonOut",
    "PointOut",
    "PortalClientTaskOut",
    "PortalClientTaskOutTitle",
    "PortalCompleteIn",
    "PortalCompleteInForm",
    "PortalEventOut",
    "PortalEventOutKind",
    "PortalEventOutStatus",
    "PortalFieldOut",
    "PortalFieldOutLabels",
    "PortalProcessOut",
    "PortalRequestIn",
    "PortalRequestInFields",
    "PortalRequestOut",
    "PortalRequestOutFields",
    "PortalRequestOutTypeNames",
    "PortalRequestPage",
    "PortalTaskOut",
    "PortalTaskOutTitle",
    "PortalTypeOut",
    "PortalTypeOutNames",
    "PreviewIn",
    "PreviewInSamplePayload",
    "PreviewMatchOut",
    "PreviewOut",
    "PreviewOutClientsChanged",
    "Problem",
    "ProblemOut",
    "ProcessList",
    "ProcessOut",
    "ProcessOutResultType0",
    "ProcessStart",
    "ProcessStartParameters",
    "ProgressOut",
    "ProgressTaskOut",
    "ProgressTaskOutTitleParams",
    "PutTemplateLocale",
    "QuarterDistributionsOut",
    "QuarterlyRunIn",
    "QuarterlyRunInParameters",
    "QuestionnaireBody",
    "QuestionnaireBodyAnswers",
    "RateIn",
    "ReassignIn",
    "RecomputeOut",
    "RecordConditionIn",
    "RecordConditionInOp",
    "RecordIn",
    "RecordInFields",
    "RecordOut",
    "RecordOutFields",
    "RecordPage",
    "RecordPatch",
    "RecordPatchFields",
    "RecordPredicateIn",
    "RecordTypeIn",
    "RecordTypeInDocument",
    "RecordTypeList",
    "RecordTypeOut",
    "RecordTypeOutDocument",
    "RelatedPersonIn",
    "RelatedPersonInRole",
    "RelatedPersonOut",
    "RenderedOut",
    "ReopenIn",
    "ReplayIn",
    "ReplayOut",
    "ReportOut",
    "ReportRunOut",
    "RequestIn",
    "RequestInFields",
    "RequestOut",
    "RequestOutFields",
    "RequestOutTypeNames",
    "RequestPage",
    "RequestTypeIn",
    "RequestTypeInDefinition",
    "RequestTypeOut",
    "RequestTypeOutDefinition",
    "RetryIn",
    "RotateIn",
    "RowErrorOut",
    "RuleActionIn",
    "RuleActionInParameters",
    "RuleIn",
    "RuleInAction",
    "RuleInParameters",
    "RuleInPeriod",
    "RuleInTrigger",
    "RuleList",
    "RuleOut",
    "RuleOutAction",
    "RuleOutParameters",
    "RuleOutPeriod",
    "RuleOutTrigger",
    "RulesBody",
    "RulesBodyConfig",
    "RulesOut",
    "RulesOutConfig",
    "RunIn",
    "ScheduleIn",
    "ScheduleOut",
    "ScorecardBody",
    "ScorecardBodyConfig",
    "ScorecardOut",
    "ScorecardOutConfig",
    "SegmentIn",
    "SegmentList",
    "SegmentOut",
    "SegmentOutFilter",
    "SendIn",
    "SendInCategoryType0",
    "SendInChannelType0",
    "SendInPriority",
    "SendInVariables",
    "SeriesOut",
    "SessionIn",
    "SessionOut",
    "SignInAccepted",
    "SignInIn",
    "StageChangeOut",
    "StageChangeOutExplanation",
    "StageHistoryPage",
    "StageIn",
    "StageInStage",
    "StartIn",
    "StatementLineOut",
    "StatementLineOutStatus",
    "StatementOut",
    "StepOut",
    "SubscriptionIn",
    "SubscriptionOut",
    "SubscriptionPatch",
    "SurveyAnswerIn",
    "SurveyAnswerOut",
    "SurveyOut",
    "SurveyOutRequestNames",
    "SyncOut",
    "TaskDocumentOut",
    "TaskOut",
    "TaskOutForm",
    "TaskOutTitleParams",
    "TaskPage",
    "TaskReplyFileOut",
    "TaskReplyOut",
    "TeamIn",
    "TeamList",
    "TeamOut",
    "TemplateContentIn",
    "TemplateIn",
    "TemplateInCategory",
    "TemplateInSampleVariables",
    "TemplateList",
    "TemplateOut",
    "TemplateOutSampleVariables",
    "TemplatePreviewIn",
    "TemplatePreviewInLocale",
    "TemplatePreviewInVariablesType0",
    "TemplateSetOut",
    "TierChangeOut",
    "TierChangeOutInputs",
    "TierHistoryPage",
    "TierOverrideIn",
    "TierOverrideInTierType0",
    "TimelineChannelType0Item",
    "TimelineItem",
    "TimelineItemKind",
    "TimelineKindType0Item",
    "TimelinePage",
    "TotalOut",
    "TotalsOut",
    "TransactionIn",
    "TransactionInKind",
    "TransactionOut",
    "TransactionPage",
    "TypeCheck",
    "TypeProblem",
    "UnsubscribedOut",
    "ValidationError",
    "ValidationErrorContext",
    "ValidationOut",
    "ViewIn",
    "ViewList",
    "ViewOut",
    "WebhookDeliveryOut",
    "WebhookDeliveryOutStatus",
)
