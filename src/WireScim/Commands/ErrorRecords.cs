using System;
using System.Management.Automation;
using WireScim.Provisioning;
using WireScim.Scim;
using WireScim.Validation;

namespace WireScim.Commands
{
    /// <summary>Builds the ErrorRecords the cmdlets write: stable ids, fitting categories, the input as target.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(Exception error, object? target, string? prefix = null)
        {
            if (error is WireScimException wire)
            {
                var record = new ErrorRecord(prefix == null ? wire : wire.WithMessage(prefix + wire.Message), wire.ErrorId, CategoryOf(wire.Kind), target);
                record.ErrorDetails = new ErrorDetails(prefix + wire.Message);
                if (wire.Kind == WireScimErrorKind.TokenRejected)
                    record.ErrorDetails.RecommendedAction = "Check the token: it may have been revoked. Create a new one with New-WireScimToken and run Connect-WireScim again.";
                return record;
            }
            if (error is OperationCanceledException)
                return new ErrorRecord(error, ErrorIds.Canceled, ErrorCategory.OperationStopped, target);
            var unexpected = new ErrorRecord(error, ErrorIds.Unexpected, ErrorCategory.NotSpecified, target);
            unexpected.ErrorDetails = new ErrorDetails(prefix + error.Message);
            return unexpected;
        }

        /// <summary>Errors after which no other request can succeed end the command; the rest are per record.</summary>
        public static bool EndsTheCommand(Exception error) =>
            error is WireScimException wire && wire.Kind is WireScimErrorKind.TokenRejected or WireScimErrorKind.Redirect
                or WireScimErrorKind.Unreachable or WireScimErrorKind.ProtocolMismatch or WireScimErrorKind.Unsendable
                or WireScimErrorKind.NotSupported;

        /// <summary>A sync state file that cannot be used; the message names the file and what to do.</summary>
        public static ErrorRecord From(SyncStateException error)
        {
            var category = error.ErrorId switch
            {
                ErrorIds.StateInUse => ErrorCategory.ResourceBusy,
                ErrorIds.StateNotWritable => ErrorCategory.PermissionDenied,
                ErrorIds.StateOtherInstance => ErrorCategory.InvalidData,
                ErrorIds.StateDamaged => ErrorCategory.InvalidData,
                _ => ErrorCategory.ReadError,
            };
            return new ErrorRecord(error, error.ErrorId, category, error.Path) { ErrorDetails = new ErrorDetails(error.Message) };
        }

        public static ErrorRecord From(ValidationProblem problem, object? target, string? prefix)
        {
            var message = prefix + problem.Message;
            var record = new ErrorRecord(new ArgumentException(message), problem.ErrorId, ErrorCategory.InvalidArgument, target);
            record.ErrorDetails = new ErrorDetails(message);
            return record;
        }

        public static ErrorCategory CategoryOf(WireScimErrorKind kind) => kind switch
        {
            WireScimErrorKind.InvalidRequest => ErrorCategory.InvalidArgument,
            WireScimErrorKind.NotFound => ErrorCategory.ObjectNotFound,
            WireScimErrorKind.Conflict => ErrorCategory.ResourceExists,
            WireScimErrorKind.TokenRejected => ErrorCategory.AuthenticationError,
            WireScimErrorKind.Forbidden => ErrorCategory.PermissionDenied,
            WireScimErrorKind.PayloadTooLarge => ErrorCategory.LimitsExceeded,
            WireScimErrorKind.Throttled => ErrorCategory.LimitsExceeded,
            WireScimErrorKind.ServerError => ErrorCategory.ResourceUnavailable,
            WireScimErrorKind.Timeout => ErrorCategory.OperationTimeout,
            WireScimErrorKind.ConnectionFailed => ErrorCategory.ConnectionError,
            WireScimErrorKind.OutcomeUnknown => ErrorCategory.ConnectionError,
            WireScimErrorKind.Redirect => ErrorCategory.SecurityError,
            WireScimErrorKind.Canceled => ErrorCategory.OperationStopped,
            WireScimErrorKind.Unreachable => ErrorCategory.ConnectionError,
            WireScimErrorKind.ProtocolMismatch => ErrorCategory.ProtocolError,
            WireScimErrorKind.Unsendable => ErrorCategory.InvalidArgument,
            WireScimErrorKind.NotSupported => ErrorCategory.NotImplemented,
            _ => ErrorCategory.InvalidResult,
        };
    }
}
