# Keeping the SCIM token for unattended runs: a SecretManagement vault, or Export-Clixml of the SecureString.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule
    $token = 'storage-token-Zq7+/Xw9=='
    $emulator = Start-TestEmulator -Token $token
}

AfterAll {
    Disconnect-WireScim
    Stop-TestEmulator $emulator
}

Describe 'Export-Clixml of the token' {
    It 'round-trips a SecureString that Connect-WireScim accepts' {
        $path = Join-Path $TestDrive 'token.xml'
        ConvertTo-TestSecret $token | Export-Clixml $path
        $restored = Import-Clixml $path
        $restored | Should -BeOfType [securestring]
        Connect-WireScim -Uri $emulator.Uri -Token $restored
        $user = New-WireScimUser -UserName clixml.user -DisplayName 'Clixml User' -ExternalId 'clixml.user@example.com'
        $user.UserName | Should -Be 'clixml.user'
    }

    It 'does not store the token as readable text (on Windows it is DPAPI-encrypted; elsewhere only encoded)' {
        $path = Join-Path $TestDrive 'token2.xml'
        ConvertTo-TestSecret $token | Export-Clixml $path
        Get-Content $path -Raw | Should -Not -Match ([regex]::Escape($token))
    }
}

Describe 'A vault that returns a SecureString' {
    It 'works as Connect-WireScim -Token (Get-Secret ...)' {
        # SecretManagement's Get-Secret returns a SecureString unless -AsPlainText is given; a stand-in vault here.
        function Get-Secret { param([string] $Name) if ($Name -eq 'WireScim') { ConvertTo-TestSecret $token } }
        Connect-WireScim -Uri $emulator.Uri -Token (Get-Secret WireScim)
        (Get-WireScimUser -UserName clixml.user).ExternalId | Should -Be 'clixml.user@example.com'
    }

    It 'refuses an empty token with a clear error' {
        { Connect-WireScim -Uri $emulator.Uri -Token ([securestring]::new()) } |
            Should -Throw -ErrorId 'WireScim.EmptyToken,WireScim.Commands.ConnectWireScimCommand'
    }
}
