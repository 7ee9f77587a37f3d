using System;
using System.Management.Automation;
using System.Security;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>
    /// Lets a SecureString parameter take a plain string or number as well, as a script passing an e-mailed code
    /// does (-VerificationCode 012345); the value is held as a SecureString from then on.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            switch (inputData)
            {
                case null:
                case SecureString _:
                    return inputData;
                // A PSObject's text is the argument as typed: an unquoted 012345 keeps its leading zero.
                case PSObject wrapped when wrapped.BaseObject is not SecureString:
                    return Protect(wrapped.ToString());
                case PSObject wrapped:
                    return wrapped.BaseObject;
                case string text:
                    return Protect(text);
                case IFormattable number when number.GetType().IsPrimitive:
                    return Protect(number.ToString(null, System.Globalization.CultureInfo.InvariantCulture));
                default:
                    throw new ArgumentTransformationMetadataException($"Expected a code as text or a SecureString, not a {inputData.GetType().Name}.");
            }
        }

        private static SecureString Protect(string text) => SecretText.Protect(text.Trim());
    }
}
