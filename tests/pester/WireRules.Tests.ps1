# Wire's rules that Wire applies late or answers confusingly, refused before anything is sent, judged by the
# emulator's request counters: reserved handles and the display name Wire falls back to.
# Wire's behaviour is described in docs/wire-behaviour.md. Each Describe runs its own emulator.

BeforeAll {
    if (-not $env:WIRESCIM_MODULE -or -not (Test-Path $env:WIRESCIM_MODULE)) {
        throw "Set WIRESCIM_MODULE to the built WireScim.psd1 (./build.ps1 -Task Build); it is '$env:WIRESCIM_MODULE'."
    }
    if (-not (Get-Module WireScim)) { Import-Module $env:WIRESCIM_MODULE -Global -ErrorAction Stop }
    if (-not (Get-Module EmulatorProcess)) {
        Import-Module (Join-Path $PSScriptRoot '../tools/EmulatorProcess.psm1') -Global -ErrorAction Stop
    }
    # Wire's reserved handles (libs/wire-subsystems/src/Wire/UserSubsystem/HandleBlacklist.hs), written out here.
    $script:ReservedHandles = @(
        'account', 'admin', 'administrator', 'all', 'android', 'anna', 'avs', 'backend', 'bot', 'cs', 'design',
        'dev', 'developer', 'development', 'everyone', 'help', 'helpdesk', 'hr', 'info', 'ios', 'legal',
        'management', 'news', 'otto', 'payment', 'product', 'purchase', 'qa', 'support', 'team', 'user', 'web',
        'wire', 'wirebot', 'wireteam'
    )
}

Describe 'Handles reserved by Wire are refused offline' {
    BeforeAll {
        $token = 'reserved-handles-test-token'
        $emulator = Start-WireScimEmulator -ArgumentList '--scim-token', $token
        Connect-WireScim -Uri $emulator.ScimUri -Token (ConvertTo-SecureString $token -AsPlainText -Force) -TeamMode SingleSignOn
        $rows = foreach ($handle in $ReservedHandles) {
            [pscustomobject]@{ UserName = $handle; DisplayName = "Role $handle"; ExternalId = "$handle@example.com" }
        }
    }
    AfterAll {
        Disconnect-WireScim -ErrorAction Ignore
        if ($emulator) { $emulator | Stop-WireScimEmulator }
    }

    It 'the test list is Wire''s 35 handles' {
        @($ReservedHandles | Sort-Object -Unique).Count | Should -Be 35
    }

    It 'New-WireScimUser refuses all 35 with WireScim.ReservedUserName and sends nothing' {
        Reset-WireScimEmulatorStats -Emulator $emulator
        $failures = $null
        $created = @($rows | New-WireScimUser -ErrorVariable failures -ErrorAction SilentlyContinue)

        $created.Count | Should -Be 0
        @($failures).Count | Should -Be 35
        @($failures | Where-Object FullyQualifiedErrorId -Like 'WireScim.ReservedUserName,*').Count | Should -Be 35
        foreach ($failure in $failures) { "$failure" | Should -Match 'reserved by Wire' }
        @($failures.TargetObject.UserName | Sort-Object) | Should -Be @($ReservedHandles | Sort-Object)
        (Get-WireScimEmulatorStats -Emulator $emulator).totalRequests | Should -Be 0
        @(Get-WireScimEmulatorUsers -Emulator $emulator | ForEach-Object { $_ } | Where-Object userName -In $ReservedHandles).Count | Should -Be 0
    }

    It 'upper-case spellings are refused too (Wire lowercases handles)' {
        Reset-WireScimEmulatorStats -Emulator $emulator
        $failures = $null
        $null = New-WireScimUser -UserName 'Support' -DisplayName 'Support Desk' -ExternalId 'support@example.com' -ErrorVariable failures -ErrorAction SilentlyContinue
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.ReservedUserName,*'
        (Get-WireScimEmulatorStats -Emulator $emulator).totalRequests | Should -Be 0
    }

    It 'Test-WireScimUser reports each of them as invalid, offline' {
        Reset-WireScimEmulatorStats -Emulator $emulator
        $results = @($rows | Test-WireScimUser)
        $results.Count | Should -Be 35
        @($results | Where-Object IsValid).Count | Should -Be 0
        foreach ($result in $results) { $result.Problems[0].ErrorId | Should -Be 'WireScim.ReservedUserName' }
        (Get-WireScimEmulatorStats -Emulator $emulator).totalRequests | Should -Be 0
    }

    It 'Set-WireScimUser -NewUserName refuses a reserved handle before reading the user' {
        $user = New-WireScimUser -UserName 'desk.agent' -DisplayName 'Desk Agent' -ExternalId 'desk.agent@example.com'
        Reset-WireScimEmulatorStats -Emulator $emulator
        $failures = $null
        $user | Set-WireScimUser -NewUserName 'helpdesk' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.ReservedUserName,*'
        (Get-WireScimEmulatorStats -Emulator $emulator).totalRequests | Should -Be 0
        (Get-WireScimUser -Id $user.Id).UserName | Should -Be 'desk.agent'
    }

    It 'a handle that only contains a reserved word is created (the counters do count)' {
        Reset-WireScimEmulatorStats -Emulator $emulator
        $user = New-WireScimUser -UserName 'anna.schmidt' -DisplayName 'Anna Schmidt' -ExternalId 'anna.schmidt@example.com'
        $user.UserName | Should -Be 'anna.schmidt'
        (Get-WireScimEmulatorStats -Emulator $emulator).routes.'POST /scim/v2/Users' | Should -Be 1
    }
}

Describe 'The display name Wire falls back to must fit 1-128 characters' {
    BeforeAll {
        $token = 'default-name-test-token'
        $emulator = Start-WireScimEmulator -ArgumentList '--scim-token', $token
        $scimToken = ConvertTo-SecureString $token -AsPlainText -Force
        $longNameId = 'employee-' + ('x' * 130)
    }
    AfterAll {
        Disconnect-WireScim -ErrorAction Ignore
        if ($emulator) { $emulator | Stop-WireScimEmulator }
    }

    It 'in a single sign-on team a long NameID without -DisplayName is refused before sending, even with -Email' {
        Connect-WireScim -Uri $emulator.ScimUri -Token $scimToken -TeamMode SingleSignOn
        Reset-WireScimEmulatorStats -Emulator $emulator
        $failures = $null
        $null = New-WireScimUser -UserName 'long.nameid' -ExternalId $longNameId -Email 'long.nameid@example.com' -ErrorVariable failures -ErrorAction SilentlyContinue
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.InvalidDisplayName,*'
        "$($failures[0])" | Should -Match 'NameID'
        "$($failures[0])" | Should -Match '-DisplayName'
        (Get-WireScimEmulatorStats -Emulator $emulator).totalRequests | Should -Be 0
    }

    It 'in an invitation team a long e-mail address without -DisplayName is refused before sending' {
        Connect-WireScim -Uri $emulator.ScimUri -Token $scimToken -TeamMode Invitation
        Reset-WireScimEmulatorStats -Emulator $emulator
        $longEmail = 'first.' + ('m' * 58) + '@' + ('d' * 63) + '.example'
        $failures = $null
        $null = New-WireScimUser -UserName 'long.mail' -ExternalId 'emp-7' -Email $longEmail -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.InvalidDisplayName,*'
        "$($failures[0])" | Should -Match 'e-mail'
        (Get-WireScimEmulatorStats -Emulator $emulator).totalRequests | Should -Be 0
    }
}
