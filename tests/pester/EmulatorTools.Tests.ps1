# The emulator helpers in tests/tools/EmulatorProcess.psm1 that other tests build on: seeding Team-Settings members
# and reading the second-factor codes the emulator "e-mailed".

BeforeAll {
    if (-not (Get-Module EmulatorProcess)) {
        Import-Module (Join-Path $PSScriptRoot '../tools/EmulatorProcess.psm1') -Global -ErrorAction Stop
    }
}

Describe 'New-WireScimEmulatorMember' {
    BeforeAll { $emulator = Start-WireScimEmulator }
    AfterAll { if ($emulator) { $emulator | Stop-WireScimEmulator } }

    It 'seeds a member managed by Wire that Get-WireScimEmulatorUsers lists' {
        $member = New-WireScimEmulatorMember -Emulator $emulator -DisplayName 'Olga Owner' -Handle owner1 -Email olga@example.com -Role owner
        $member.managedBy | Should -Be 'wire'
        $listed = @(Get-WireScimEmulatorUsers -Emulator $emulator | ForEach-Object { $_ }) | Where-Object id -EQ $member.id
        $listed.userName | Should -Be 'owner1'
        $listed.managedBy | Should -Be 'wire'
        (Get-WireScimEmulatorStats -Emulator $emulator).managedByScimFlips | Should -Be 0
    }

    It 'seeds an open invitation with -Pending' {
        $member = New-WireScimEmulatorMember -Emulator $emulator -DisplayName 'Ivy' -Email ivy@example.com -Pending
        $member.pending | Should -BeTrue
        $member.active | Should -BeFalse
    }
}

Describe 'Get-WireScimEmulatorVerificationCode' {
    BeforeAll {
        $emulator = Start-WireScimEmulator -ArgumentList '--second-factor'
        function Send-Code([string] $Action) {
            $body = @{ action = $Action; email = $emulator.AdminEmail } | ConvertTo-Json -Compress
            $null = Invoke-RestMethod -Method Post -Uri "$($emulator.Uri)/verification-code/send" -ContentType 'application/json' -Body $body
        }
    }
    AfterAll { if ($emulator) { $emulator | Stop-WireScimEmulator } }

    It 'returns $null before a code was requested' {
        Get-WireScimEmulatorVerificationCode -Emulator $emulator -Email $emulator.AdminEmail -Action login | Should -BeNullOrEmpty
    }

    It 'returns the code of the asked action only' {
        Send-Code login
        $login = Get-WireScimEmulatorVerificationCode -Emulator $emulator -Email $emulator.AdminEmail -Action login
        $login | Should -Match '^[0-9]{6}$'
        Get-WireScimEmulatorVerificationCode -Emulator $emulator -Email $emulator.AdminEmail -Action create_scim_token | Should -BeNullOrEmpty
        Send-Code create_scim_token
        Get-WireScimEmulatorVerificationCode -Emulator $emulator -Email $emulator.AdminEmail -Action create_scim_token | Should -Match '^[0-9]{6}$'
    }
}
