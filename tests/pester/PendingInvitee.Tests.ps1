# Set-WireScimUser -Role on a user who has not accepted the e-mailed invitation yet (a team without an identity
# provider): Wire keeps the role in the invitation and reports 'member' until it is accepted; say so.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule
    $token = 'pending-invitee-token'
    $emulator = Start-TestEmulator -Token $token
    Connect-TestEmulator -Emulator $emulator -Token $token
}

AfterAll {
    Disconnect-WireScim
    Stop-TestEmulator $emulator
}

Describe 'Set-WireScimUser -Role admin on a pending invitee' {
    It 'warns that the role applies on acceptance, and it does' {
        $invited = New-WireScimUser -UserName invited.admin -DisplayName 'Invited Admin' -ExternalId 'invited.admin@example.com'
        $invited.Active | Should -BeFalse -Because 'an invitation-mode user is pending until accepted'
        Set-WireScimUser -UserName invited.admin -Role admin -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -HaveCount 1
        "$warnings" | Should -Match "only when the invitation is accepted"
        (Get-WireScimUser -UserName invited.admin).Role | Should -Be 'member'

        $null = Invoke-RestMethod -Method Post -Uri "$($emulator.Uri)/_emulator/users/$($invited.Id)/accept-invitation"
        (Get-WireScimUser -UserName invited.admin).Role | Should -Be 'admin'
    }

    It 'does not warn for an active user' {
        $null = Set-WireScimUser -UserName invited.admin -Role member -WarningVariable warnings
        $warnings | Should -HaveCount 0
    }
}
