# Remove-WireScimUser as an admin pipes to it: CSV rows with blank cells (every row gets a removal or an error),
# and confirmations that name the user rather than only its id (read from a child pwsh, where -WhatIf writes).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule
    $token = 'remove-user-token'
    $emulator = Start-TestEmulator -Token $token -ArgumentList '--idp', '0c7d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f'
    Connect-TestEmulator -Emulator $emulator -Token $token
}

AfterAll {
    Disconnect-WireScim
    Stop-TestEmulator $emulator
}

Describe 'Remove-WireScimUser with piped CSV rows' {
    It 'removes a row by its ExternalId when its UserName cell is blank, and reports a row with no key' {
        $null = New-WireScimUser -UserName blank.one -DisplayName 'Blank One' -ExternalId 'blank.one@example.com'
        $null = New-WireScimUser -UserName named.two -DisplayName 'Named Two' -ExternalId 'named.two@example.com'
        $csv = New-TestCsv -Name 'leavers.csv' -Line @(
            'UserName,ExternalId'
            ',blank.one@example.com'
            ','
            'named.two,named.two@example.com'
        )
        Import-Csv $csv | Remove-WireScimUser -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        Get-EmulatorUser -Emulator $emulator -UserName blank.one | Should -BeNullOrEmpty -Because 'row 1 names the user by ExternalId'
        Get-EmulatorUser -Emulator $emulator -UserName named.two | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -Match '^WireScim.UserKeyRequired'
        $failed[0].Exception.Message | Should -Match '^Row 2: '
    }
}

Describe 'What Remove-WireScimUser asks' {
    It 'names the piped user by handle and externalId' {
        $user = New-WireScimUser -UserName asked.user -DisplayName 'Asked User' -ExternalId 'asked.user@example.com'
        $script = "Import-Module '$env:WIRESCIM_MODULE'; Connect-WireScim -Uri '$($emulator.Uri)' -Token (ConvertTo-SecureString '$token' -AsPlainText -Force); " +
            'Get-WireScimUser -UserName asked.user | Remove-WireScimUser -WhatIf'
        $run = Wait-ChildPwsh -Child (Start-ChildPwsh -ArgumentList '-Command', $script) -TimeoutSeconds 120
        $run.ExitCode | Should -Be 0 -Because $run.Errors
        $run.Output | Should -Match ([regex]::Escape("Wire user 'asked.user' (externalId 'asked.user@example.com', id $($user.Id))"))
        Get-EmulatorUser -Emulator $emulator -UserName asked.user | Should -Not -BeNullOrEmpty
    }
}
