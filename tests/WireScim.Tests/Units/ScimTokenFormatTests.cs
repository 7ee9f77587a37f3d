using System;
using WireScim.Scim;
using WireScim.Validation;
using Xunit;

namespace WireScim.Tests.Units
{
    public class ScimTokenFormatTests
    {
        private const string Token = "q3Zs+0Yh/Lr7mW2pXc9eKd4uTb1oNf6gHj8iRk5lMvA=";

        [Theory]
        [InlineData(Token + "\n")]
        [InlineData(Token + "\r\n")]
        [InlineData("  " + Token + " \t")]
        public void Surrounding_white_space_is_removed(string pasted)
        {
            var checkedToken = ScimTokenFormat.Check(SecretText.Protect(pasted), out var trimmed);
            Assert.True(trimmed);
            Assert.Equal(Token, SecretText.Reveal(checkedToken));
            Assert.True(checkedToken.IsReadOnly());
        }

        [Fact]
        public void A_clean_token_is_kept_as_it_is()
        {
            var checkedToken = ScimTokenFormat.Check(SecretText.Protect(Token), out var trimmed);
            Assert.False(trimmed);
            Assert.Equal(Token, SecretText.Reveal(checkedToken));
        }

        [Theory]
        [InlineData("q3Zs+0Yh/Lr7\nmW2pXc9eKd4uTb1oNf6gHj8iRk5lMvA=", "line break", 13)]
        [InlineData("q3Zs+0Yh/Lr7 mW2pXc9eKd4uTb1oNf6gHj8iRk5lMvA=", "white space", 13)]
        [InlineData("q3Zs+0Yh/Lr7\0mW2pXc9eKd4uTb1oNf6gHj8iRk5lMvA=", "NUL", 13)]
        [InlineData("q3Zs+0Yh/Lr7\u00e9mW2pXc9eKd4uTb1oNf6gHj8iRk5lMvA=", "non-ASCII", 13)]
        [InlineData("q3Zs+0Yh/Lr7\u200bmW2pXc9eKd4uTb1oNf6gHj8iRk5lMvA=", "U+200B", 13)]
        public void Inner_characters_a_header_cannot_carry_make_it_malformed(string token, string named, int position)
        {
            var error = Assert.Throws<ArgumentException>(() => ScimTokenFormat.Check(SecretText.Protect(token), out _));
            Assert.Contains("malformed", error.Message);
            Assert.Contains(named, error.Message);
            Assert.Contains($"character {position} of", error.Message);
            Assert.DoesNotContain("q3Zs", error.Message);
            Assert.DoesNotContain("MvA=", error.Message);
        }

        [Theory]
        [InlineData("")]
        [InlineData(" \r\n")]
        public void Empty_is_refused(string token)
        {
            var error = Assert.Throws<ArgumentException>(() => ScimTokenFormat.Check(SecretText.Protect(token), out _));
            Assert.Contains("empty", error.Message);
        }
    }
}
