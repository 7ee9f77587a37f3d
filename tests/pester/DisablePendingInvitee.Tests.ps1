# Disable-WireScimUser on an invitee who has not accepted: Wire cannot suspend an invitation, so the cmdlet sends
# nothing, says so, and points to Remove-WireScimUser.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule
}

Describe 'Disable-WireScimUser on an invitee who has not accepted yet' {
    BeforeAll {
        $token = 'pending-invitee-test-token'
        $emulator = Start-WireScimEmulator -ArgumentList '--scim-token', $token
        Connect-WireScim -Uri $emulator.ScimUri -Token (ConvertTo-SecureString $token -AsPlainText -Force) -TeamMode Invitation
        function Get-EmulatorUser([string] $Id) { Get-WireScimEmulatorUsers -Emulator $emulator | ForEach-Object { $_ } | Where-Object id -EQ $Id }
        function Get-WriteCount { $routes = (Get-WireScimEmulatorStats -Emulator $emulator).routes; @('PUT', 'PATCH') | ForEach-Object { $routes."$_ /scim/v2/Users/{id}" } | Measure-Object -Sum | Select-Object -ExpandProperty Sum }
    }
    AfterAll {
        Disconnect-WireScim -ErrorAction Ignore
        if ($emulator) { $emulator | Stop-WireScimEmulator }
    }

    It 'warns that Wire cannot disable the invitation, points to Remove-WireScimUser, and sends no change' {
        $invitee = New-WireScimUser -UserName 'pending.one' -DisplayName 'Pending One' -ExternalId 'pending.one@example.com'
        (Get-EmulatorUser $invitee.Id).pending | Should -BeTrue
        Reset-WireScimEmulatorStats -Emulator $emulator
        $warnings = $null
        $result = $invitee | Disable-WireScimUser -PassThru -WarningVariable warnings -WarningAction SilentlyContinue

        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'pending.one'
        "$($warnings[0])" | Should -Match 'invitation'
        "$($warnings[0])" | Should -Match 'Remove-WireScimUser'
        "$($warnings[0])" | Should -Match 'not confirmed'
        $result.Active | Should -BeFalse
        Get-WriteCount | Should -Be 0
        (Get-EmulatorUser $invitee.Id).pending | Should -BeTrue -Because 'the invitation stays valid in Wire'
    }

    It 'once the invitation is accepted, Disable-WireScimUser suspends the user without a warning' {
        $invitee = New-WireScimUser -UserName 'pending.two' -DisplayName 'Pending Two' -ExternalId 'pending.two@example.com'
        $null = Invoke-RestMethod -Method Post -Uri "$($emulator.Uri)/_emulator/users/$($invitee.Id)/accept-invitation"
        $warnings = $null
        $result = $invitee | Disable-WireScimUser -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings).Count | Should -Be 0
        $result.Active | Should -BeFalse
        (Get-EmulatorUser $invitee.Id).active | Should -BeFalse
        (Get-EmulatorUser $invitee.Id).pending | Should -BeFalse
    }

    It 'Remove-WireScimUser removes the pending invitee' {
        $invitee = New-WireScimUser -UserName 'pending.three' -DisplayName 'Pending Three' -ExternalId 'pending.three@example.com'
        Remove-WireScimUser -Id $invitee.Id -Confirm:$false
        Get-EmulatorUser $invitee.Id | Should -BeNullOrEmpty
    }
}
