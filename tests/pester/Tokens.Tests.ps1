# The token cmdlets (New-, Get-, Remove-WireScimToken) against the local emulator: life cycle, -Connect and
# -AsPlainText, API versions 7 and 8, the second factor, and each token-API error with its advice.
# Wire's token API is described in docs/wire-behaviour.md. Each Describe runs its own emulator.

BeforeAll {
    if (-not $env:WIRESCIM_MODULE -or -not (Test-Path $env:WIRESCIM_MODULE)) {
        throw "Set WIRESCIM_MODULE to the built WireScim.psd1 (./build.ps1 -Task Build); it is '$env:WIRESCIM_MODULE'."
    }
    if (-not (Get-Module WireScim)) { Import-Module $env:WIRESCIM_MODULE -Global -ErrorAction Stop }
    if (-not (Get-Module EmulatorProcess)) {
        Import-Module (Join-Path $PSScriptRoot '../tools/EmulatorProcess.psm1') -Global -ErrorAction Stop
    }

    function New-TestCredential([string] $UserName, [string] $Password) {
        [pscredential]::new($UserName, (ConvertTo-SecureString $Password -AsPlainText -Force))
    }

    function Get-AdminSplat($Emulator) {
        @{ Uri = $Emulator.Uri; Credential = (New-TestCredential $Emulator.AdminEmail $Emulator.AdminPassword) }
    }

    function ConvertFrom-TestSecret([securestring] $Secret) {
        [System.Net.NetworkCredential]::new('', $Secret).Password
    }

    # Runs a call that must fail with a terminating error (even with -ErrorAction SilentlyContinue) and returns the record.
    function Get-TerminatingError([scriptblock] $Call) {
        try {
            $null = & $Call
        }
        catch {
            return $_
        }
        throw 'The call did not throw a terminating error.'
    }

    $script:Guid = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'
}

Describe 'Token life cycle: create, list, use, revoke' {
    BeforeAll {
        $emulator = Start-WireScimEmulator
        $admin = Get-AdminSplat $emulator
        $token = New-WireScimToken @admin -Name n
        $plain = ConvertFrom-TestSecret $token.Value
    }
    AfterAll {
        Disconnect-WireScim -ErrorAction Ignore
        if ($emulator) { $emulator | Stop-WireScimEmulator }
    }

    It 'returns a WireScim.Token with an id, the name, the creation time and the token as a SecureString' {
        $token | Should -BeOfType ([WireScim.Token])
        $token.Id | Should -Match "^$Guid$"
        $token.Name | Should -Be 'n'
        $token.Created | Should -BeOfType ([datetime])
        $token.Created | Should -BeGreaterThan ([datetime]::UtcNow.AddHours(-1))
        $token.Value | Should -BeOfType ([securestring])
    }

    It 'holds the 44-character base64 token Wire returns once' {
        $plain.Length | Should -Be 44
        $plain | Should -Match '^[A-Za-z0-9+/]{43}=$'
    }

    It 'is listed by Get-WireScimToken with its name and without a value' {
        $listed = @(Get-WireScimToken @admin)
        $listed.Count | Should -Be 1
        $listed[0] | Should -BeOfType ([WireScim.Token])
        $listed[0].Id | Should -Be $token.Id
        $listed[0].Name | Should -Be 'n'
        $listed[0].Value | Should -BeNullOrEmpty
    }

    It 'works for SCIM calls after Connect-WireScim -Token' {
        Connect-WireScim -Uri $emulator.Uri -Token $token.Value
        $user = New-WireScimUser -UserName lifecycle.user -DisplayName 'Life Cycle' -ExternalId 'life.cycle@example.com'
        $user.UserName | Should -Be 'lifecycle.user'
        (Get-WireScimUser -UserName lifecycle.user).Id | Should -Be $user.Id
    }

    It 'is rejected with a terminating WireScim.TokenRejected once Remove-WireScimToken revoked it' {
        Remove-WireScimToken @admin -Id $token.Id -Confirm:$false
        @(Get-WireScimToken @admin).Id | Should -Not -Contain $token.Id
        $record = Get-TerminatingError { Get-WireScimUser -UserName lifecycle.user -ErrorAction SilentlyContinue }
        $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.TokenRejected,*'
    }

    It 'revokes nothing with -WhatIf' {
        $kept = New-WireScimToken @admin -Name kept
        Remove-WireScimToken @admin -Id $kept.Id -WhatIf
        @(Get-WireScimToken @admin).Id | Should -Contain $kept.Id
    }

    It 'revokes every listed token with Get-WireScimToken | Remove-WireScimToken' {
        $null = New-WireScimToken @admin -Name second
        $null = New-WireScimToken @admin -Name third
        @(Get-WireScimToken @admin).Count | Should -Be 3
        Get-WireScimToken @admin | Remove-WireScimToken @admin -Confirm:$false
        @(Get-WireScimToken @admin).Count | Should -Be 0
    }
}

Describe 'New-WireScimToken -Connect, -AsPlainText, and how a token object is shown' {
    BeforeAll {
        $emulator = Start-WireScimEmulator
        $admin = Get-AdminSplat $emulator
    }
    AfterAll {
        Disconnect-WireScim -ErrorAction Ignore
        if ($emulator) { $emulator | Stop-WireScimEmulator }
    }

    It '-Connect makes the new token the session connection' {
        Disconnect-WireScim -ErrorAction Ignore
        $before = Get-TerminatingError { Get-WireScimUser -UserName nobody -ErrorAction SilentlyContinue }
        $before.FullyQualifiedErrorId | Should -BeLike 'WireScim.NotConnected,*'

        $null = New-WireScimToken @admin -Name connected -Connect
        $user = New-WireScimUser -UserName connected.user -DisplayName 'Connected User' -ExternalId 'connected.user@example.com'
        $user.UserName | Should -Be 'connected.user'
    }

    It '-AsPlainText returns the token as a string and warns that it is shown once' {
        $warnings = $null
        $text = New-WireScimToken @admin -Name plain -AsPlainText -WarningVariable warnings -WarningAction SilentlyContinue
        $text | Should -BeOfType ([string])
        $text.Length | Should -Be 44
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'once'

        Connect-WireScim -Uri $emulator.Uri -Token (ConvertTo-SecureString $text -AsPlainText -Force)
        (Get-WireScimUser -UserName connected.user).UserName | Should -Be 'connected.user'
    }

    It 'never shows the token text in ToString, Format-Table, Format-List or ConvertTo-Json' {
        $token = New-WireScimToken @admin -Name shown
        $plain = ConvertFrom-TestSecret $token.Value
        $plain.Length | Should -Be 44
        $views = @(
            $token.ToString()
            "$token"
            $token | Format-Table | Out-String -Width 4096
            $token | Format-Table * | Out-String -Width 4096
            $token | Format-List | Out-String -Width 4096
            $token | Format-List * -Force | Out-String -Width 4096
            $token | Out-String -Width 4096
            $token | ConvertTo-Json -Depth 3
        )
        foreach ($view in $views) {
            $view.Contains($plain) | Should -BeFalse -Because "the view must not reveal the token: $view"
        }
        ($views -join '') | Should -Match ([regex]::Escape($token.Id))
    }
}

Describe 'API version 7 server: no -Name, implicit binding' {
    BeforeAll {
        $emulator = Start-WireScimEmulator -ArgumentList '--max-api-version', '7'
        $admin = Get-AdminSplat $emulator
    }
    AfterAll {
        if ($emulator) { $emulator | Stop-WireScimEmulator }
    }

    It '-Name fails with a terminating WireScim.ApiVersionTooOld that mentions version 8, and creates no token' {
        $record = Get-TerminatingError { New-WireScimToken @admin -Name wanted -ErrorAction SilentlyContinue }
        $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.ApiVersionTooOld,*'
        $record.Exception.Message | Should -Match '\b8\b'
        @(Get-WireScimToken @admin).Count | Should -Be 0
    }

    It '-IdentityProviderId fails the same way' {
        $record = Get-TerminatingError { New-WireScimToken @admin -IdentityProviderId ([guid]::NewGuid()) -ErrorAction SilentlyContinue }
        $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.ApiVersionTooOld,*'
        @(Get-WireScimToken @admin).Count | Should -Be 0
    }

    It 'creates a token without -Name; v0-v7 tokens carry no name' {
        $token = New-WireScimToken @admin
        $token.Id | Should -Match "^$Guid$"
        (ConvertFrom-TestSecret $token.Value).Length | Should -Be 44
        $token.Name | Should -BeNullOrEmpty
        @(Get-WireScimToken @admin).Id | Should -Be @($token.Id)
    }
}

Describe 'API version 8 server: names' {
    BeforeAll {
        $emulator = Start-WireScimEmulator -ArgumentList '--max-api-version', '8'
        $admin = Get-AdminSplat $emulator
    }
    AfterAll {
        if ($emulator) { $emulator | Stop-WireScimEmulator }
    }

    It 'honours -Name when creating and listing' {
        $token = New-WireScimToken @admin -Name 'HR import'
        $token.Name | Should -Be 'HR import'
        (@(Get-WireScimToken @admin) | Where-Object Id -EQ $token.Id).Name | Should -Be 'HR import'
    }

    It 'names a token without -Name after its id' {
        $token = New-WireScimToken @admin
        $token.Name | Should -Be $token.Id
    }

    It 'keeps -Description' {
        $token = New-WireScimToken @admin -Name described -Description 'Nightly HR sync'
        (@(Get-WireScimToken @admin) | Where-Object Id -EQ $token.Id).Description | Should -Be 'Nightly HR sync'
    }
}

Describe 'Two-factor team: a login code and a different token-creation code' {
    BeforeAll {
        $emulator = Start-WireScimEmulator -ArgumentList '--second-factor'
        $admin = Get-AdminSplat $emulator
        function Get-MailedCode([string] $Action) { Get-WireScimEmulatorVerificationCode -Emulator $emulator -Email $emulator.AdminEmail -Action $Action }
    }
    AfterAll {
        if ($emulator) { $emulator | Stop-WireScimEmulator }
    }

    It 'without codes (not at a prompt) fails at login with WireScim.CodeAuthenticationRequired naming the login code, and requests none' {
        $record = Get-TerminatingError { New-WireScimToken @admin -Name no-code -ErrorAction SilentlyContinue }
        $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.CodeAuthenticationRequired,*'
        $record.Exception.Message | Should -Match '-LoginVerificationCode'
        $record.Exception.Message | Should -Match 'Send-WireScimVerificationCode -Action Login'
        Get-MailedCode login | Should -BeNullOrEmpty
    }

    It 'Send-WireScimVerificationCode e-mails one code per action, and -WhatIf e-mails none' {
        Send-WireScimVerificationCode -Uri $emulator.Uri -Email $emulator.AdminEmail -Action Login, CreateScimToken -WhatIf
        Get-MailedCode login | Should -BeNullOrEmpty
        Send-WireScimVerificationCode -Uri $emulator.Uri -Email $emulator.AdminEmail -Action Login, CreateScimToken
        $script:loginCode = Get-MailedCode login
        $script:tokenCode = Get-MailedCode create_scim_token
        $loginCode | Should -Match '^\d{6}$'
        $tokenCode | Should -Match '^\d{6}$'
        $loginCode | Should -Not -Be $tokenCode
    }

    It 'a second request within the resend delay fails with WireScim.TooManyRequests explaining the limit' {
        $record = Get-TerminatingError { Send-WireScimVerificationCode -Uri $emulator.Uri -Email $emulator.AdminEmail -Action Login -ErrorAction SilentlyContinue }
        $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.TooManyRequests,*'
        $record.Exception.Message | Should -Match '5 minutes'
        $record.Exception.Message | Should -Match 'valid for 10 minutes'
        Get-MailedCode login | Should -Be $loginCode
    }

    It 'with only the login code fails at token creation naming -VerificationCode' {
        $record = Get-TerminatingError { New-WireScimToken @admin -Name half -LoginVerificationCode $loginCode -ErrorAction SilentlyContinue }
        $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.CodeAuthenticationRequired,*'
        $record.Exception.Message | Should -Match 'token-creation code'
        $record.Exception.Message | Should -Match '-VerificationCode'
        $record.Exception.Message | Should -Not -Match '-LoginVerificationCode'
    }

    It 'the login code given as the token code is refused, naming the token-creation code' {
        $record = Get-TerminatingError { New-WireScimToken @admin -Name swapped -LoginVerificationCode $loginCode -VerificationCode $loginCode -ErrorAction SilentlyContinue }
        $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.CodeAuthenticationFailed,*'
        $record.Exception.Message | Should -Match 'token-creation code \(-VerificationCode\)'
        $record.Exception.ToString().Contains($loginCode) | Should -BeFalse
    }

    It 'with both codes creates the token non-interactively; codes as strings or SecureStrings' {
        $token = New-WireScimToken @admin -Name two-codes -LoginVerificationCode $loginCode -VerificationCode (ConvertTo-SecureString $tokenCode -AsPlainText -Force)
        $token.Name | Should -Be 'two-codes'
        @(Get-WireScimToken @admin -LoginVerificationCode $loginCode).Id | Should -Be @($token.Id)
        Connect-WireScim -Uri $emulator.Uri -Token $token.Value
        (New-WireScimUser -UserName two.codes -DisplayName 'Two Codes' -ExternalId 'two.codes@example.com').UserName | Should -Be 'two.codes'
        Disconnect-WireScim
    }
}

Describe 'Login and permission errors' {
    BeforeAll {
        $emulator = Start-WireScimEmulator
        $wrongPassword = 'Wrong-Guess-Pa55-4711'
    }
    AfterAll {
        if ($emulator) { $emulator | Stop-WireScimEmulator }
    }

    It 'a wrong password fails the login with advice to check e-mail and password, without echoing it' {
        $credential = New-TestCredential $emulator.AdminEmail $wrongPassword
        $record = Get-TerminatingError { New-WireScimToken -Uri $emulator.Uri -Credential $credential -ErrorAction SilentlyContinue }
        $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.InvalidCredentials,*'
        $record.Exception.Message | Should -Match 'e-mail'
        $record.Exception.Message | Should -Match 'password'
        $record.Exception.ToString().Contains($wrongPassword) | Should -BeFalse
        ($record | Format-List * -Force | Out-String -Width 4096).Contains($wrongPassword) | Should -BeFalse
    }

    It 'a wrong password fails Get-WireScimToken the same way' {
        $credential = New-TestCredential $emulator.AdminEmail $wrongPassword
        $record = Get-TerminatingError { Get-WireScimToken -Uri $emulator.Uri -Credential $credential -ErrorAction SilentlyContinue }
        $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.InvalidCredentials,*'
    }

    It 'a team member (not owner or admin) gets WireScim.InsufficientPermissions naming owner or admin' {
        $member = New-TestCredential 'member@example.com' 'member password 123'
        $record = Get-TerminatingError { New-WireScimToken -Uri $emulator.Uri -Credential $member -Name by-member -ErrorAction SilentlyContinue }
        $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.InsufficientPermissions,*'
        $record.Exception.Message | Should -Match 'owner|admin'
        $admin = Get-AdminSplat $emulator
        @(Get-WireScimToken @admin).Count | Should -Be 0
    }

    It 'a team member cannot list tokens either' {
        $member = New-TestCredential 'member@example.com' 'member password 123'
        $record = Get-TerminatingError { Get-WireScimToken -Uri $emulator.Uri -Credential $member -ErrorAction SilentlyContinue }
        $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.InsufficientPermissions,*'
    }
}

Describe 'Token limit' {
    BeforeAll {
        $emulator = Start-WireScimEmulator -ArgumentList '--max-tokens', '1'
        $admin = Get-AdminSplat $emulator
    }
    AfterAll {
        if ($emulator) { $emulator | Stop-WireScimEmulator }
    }

    It 'the token beyond the limit fails with WireScim.TokenLimitReached, pointing to Get- and Remove-WireScimToken' {
        $first = New-WireScimToken @admin -Name first
        $record = Get-TerminatingError { New-WireScimToken @admin -Name second -ErrorAction SilentlyContinue }
        $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.TokenLimitReached,*'
        $record.Exception.Message | Should -Match 'Get-WireScimToken'
        $record.Exception.Message | Should -Match 'Remove-WireScimToken'
        @(Get-WireScimToken @admin).Id | Should -Be @($first.Id)
    }
}

Describe 'Two SAML identity providers on an API version 7 server' {
    BeforeAll {
        $emulator = Start-WireScimEmulator -ArgumentList '--max-api-version', '7', '--idp', ([guid]::NewGuid()), '--idp', ([guid]::NewGuid())
        $admin = Get-AdminSplat $emulator
    }
    AfterAll {
        if ($emulator) { $emulator | Stop-WireScimEmulator }
    }

    It 'fails with WireScim.MoreThanOneIdp and points to -IdentityProviderId' {
        $record = Get-TerminatingError { New-WireScimToken @admin -ErrorAction SilentlyContinue }
        $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.MoreThanOneIdp,*'
        $record.Exception.Message | Should -Match '-IdentityProviderId'
        @(Get-WireScimToken @admin).Count | Should -Be 0
    }
}

Describe 'Password check rate limit' {
    BeforeAll {
        $emulator = Start-WireScimEmulator -ArgumentList '--password-burst', '1'
        $admin = Get-AdminSplat $emulator
    }
    AfterAll {
        if ($emulator) { $emulator | Stop-WireScimEmulator }
    }

    It 'a 429 after the login used the only password check says to wait' {
        $record = Get-TerminatingError { New-WireScimToken @admin -Name limited -ErrorAction SilentlyContinue }
        $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.TooManyRequests,*'
        $record.Exception.Message | Should -Match '429'
        $record.Exception.Message | Should -Match '\bwait\b'
    }
}

Describe 'SAML identity provider binding on an API version 8 server' {
    BeforeAll {
        $idp = [guid]::NewGuid().ToString()
        $emulator = Start-WireScimEmulator -ArgumentList '--idp', $idp
        $admin = Get-AdminSplat $emulator
    }
    AfterAll {
        if ($emulator) { $emulator | Stop-WireScimEmulator }
    }

    It '-IdentityProviderId binds the token to that IdP' {
        $token = New-WireScimToken @admin -Name saml -IdentityProviderId $idp
        $token.IdentityProviderId | Should -Be $idp
        (@(Get-WireScimToken @admin) | Where-Object Id -EQ $token.Id).IdentityProviderId | Should -Be $idp
    }

    It 'without -IdentityProviderId a v8 token is not bound' {
        $token = New-WireScimToken @admin -Name unbound
        $token.IdentityProviderId | Should -BeNullOrEmpty
    }

    It 'an unknown IdP fails with WireScim.IdentityProviderNotFound' {
        $before = @(Get-WireScimToken @admin).Count
        $record = Get-TerminatingError { New-WireScimToken @admin -Name ghost -IdentityProviderId ([guid]::NewGuid()) -ErrorAction SilentlyContinue }
        $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.IdentityProviderNotFound,*'
        $record.Exception.Message | Should -Match '-IdentityProviderId'
        @(Get-WireScimToken @admin).Count | Should -Be $before
    }
}

Describe 'Plain http to a host that is not loopback' {
    BeforeAll {
        $credential = New-TestCredential 'admin@example.com' 'correct horse battery staple'
    }

    It '<Command> refuses http://wire.example.com with WireScim.InvalidUri asking for https, before any network call' -ForEach @(
        @{ Command = 'New-WireScimToken'; Extra = @{} }
        @{ Command = 'Get-WireScimToken'; Extra = @{} }
        @{ Command = 'Remove-WireScimToken'; Extra = @{ Id = [guid]::NewGuid().ToString(); Confirm = $false } }
    ) {
        $record = Get-TerminatingError { & $Command -Uri 'http://wire.example.com' -Credential $credential @Extra -ErrorAction SilentlyContinue }
        # A request would fail on name resolution (WireScim.ConnectionFailed); InvalidUri means nothing was sent.
        $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.InvalidUri,*'
        $record.Exception.Message | Should -Match 'https'
    }
}
